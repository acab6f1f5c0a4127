package dev.vertio.samples;

import dev.vertio.samples.echo.EngineEchoServer;
import dev.vertio.samples.echo.SocketIoEchoServer;
import java.util.Arrays;

/**
 * Starts a sample by name: {@code java -jar vertio-samples.jar <sample> [options]}.
 *
 * <ul>
 *   <li>{@code engine-echo}: the Engine.IO echo server (the default for now)</li>
 *   <li>{@code echo}: the Socket.IO echo server</li>
 * </ul>
 */
public final class Main {
  private Main() {
  }

  /**
   * @param args the sample name, then its options
   */
  public static void main(String[] args) {
    String sample = args.length > 0 && !args[0].startsWith("--") ? args[0] : "engine-echo";
    String[] rest = args.length > 0 && !args[0].startsWith("--")
        ? Arrays.copyOfRange(args, 1, args.length) : args;
    switch (sample) {
      case "engine-echo":
        EngineEchoServer.main(rest);
        break;
      case "echo":
        SocketIoEchoServer.main(rest);
        break;
      default:
        System.err.println("unknown sample: " + sample + " (available: engine-echo, echo)");
        System.exit(2);
    }
  }
}

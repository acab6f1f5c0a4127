package dev.vertio.samples;

import dev.vertio.samples.bot.ChatBot;
import dev.vertio.samples.chat.ChatServer;
import dev.vertio.samples.echo.EngineEchoServer;
import dev.vertio.samples.echo.SocketIoEchoServer;
import dev.vertio.samples.game.GameServer;
import java.util.Arrays;

/**
 * Starts a sample by name: {@code java -jar vertio-samples.jar <sample> [options]}.
 *
 * <ul>
 *   <li>{@code chat} (the default): the chat server and its web page on port 3000
 *   <li>{@code game}: the multiplayer game server and its web page on port 3001
 *   <li>{@code bot}: the Java chat bot, connecting to a chat server
 *   <li>{@code echo}: the Socket.IO echo server
 *   <li>{@code engine-echo}: the Engine.IO echo server
 * </ul>
 */
public final class Main {
  private Main() {}

  /**
   * @param args the sample name, then its options
   */
  public static void main(String[] args) {
    String sample = args.length > 0 && !args[0].startsWith("--") ? args[0] : "chat";
    String[] rest =
        args.length > 0 && !args[0].startsWith("--")
            ? Arrays.copyOfRange(args, 1, args.length)
            : args;
    switch (sample) {
      case "chat":
        ChatServer.main(rest);
        break;
      case "game":
        GameServer.main(rest);
        break;
      case "bot":
        ChatBot.main(rest);
        break;
      case "engine-echo":
        EngineEchoServer.main(rest);
        break;
      case "echo":
        SocketIoEchoServer.main(rest);
        break;
      default:
        System.err.println(
            "unknown sample: " + sample + " (available: chat, game, bot, echo, engine-echo)");
        System.exit(2);
    }
  }
}

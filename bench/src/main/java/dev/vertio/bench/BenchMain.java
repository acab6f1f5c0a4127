package dev.vertio.bench;

import java.util.Arrays;

/**
 * Entry point of {@code vertio-bench.jar}.
 *
 * <pre>
 * java -jar bench/target/vertio-bench.jar [run] [--scenarios default] [options]   load scenarios, Vertio and Node side by side
 * java -jar bench/target/vertio-bench.jar jmh [--out DIR] [--quick]               JMH microbenchmarks of the hot paths
 * </pre>
 */
public final class BenchMain {
  /** The generator closes pooled HTTP connections by the thousand: Vert.x warns about each. */
  private static final java.util.logging.Logger VERTX_HTTP_LOG =
      java.util.logging.Logger.getLogger("io.vertx.core.http.impl");

  private BenchMain() {
  }

  public static void main(String[] args) throws Exception {
    VERTX_HTTP_LOG.setLevel(java.util.logging.Level.SEVERE);
    if (Arrays.asList(args).contains("--help") || (args.length > 0 && args[0].equals("help"))) {
      System.out.println("java -jar vertio-bench.jar [run] [options]   load scenarios, Vertio and"
          + " Node side by side\njava -jar vertio-bench.jar jmh [--out DIR] [--quick]"
          + " [--include REGEX]   JMH microbenchmarks\n\nrun options:\n" + BenchOptions.USAGE);
      return;
    }
    String command = args.length > 0 && !args[0].startsWith("--") ? args[0] : "run";
    String[] rest = args.length > 0 && !args[0].startsWith("--") ? Arrays.copyOfRange(args, 1, args.length) : args;
    switch (command) {
      case "run" -> new BenchRunner(new BenchOptions(rest)).run();
      case "jmh" -> dev.vertio.bench.jmh.JmhRunner.main(rest);
      default -> {
        System.err.println("unknown command: " + command);
        System.exit(2);
      }
    }
  }
}

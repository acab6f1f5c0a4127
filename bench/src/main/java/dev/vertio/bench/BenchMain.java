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

  static final String USAGE =
      """
      usage: java -jar bench/target/vertio-bench.jar [run] [--scenarios default] [--name value]...
             java -jar bench/target/vertio-bench.jar jmh [--out DIR] [--quick] [--include REGEX]
      options of run (see bench/README.md):
        --scenarios default | all | idle,ack,broadcast,churn,mixed,reconnect-storm,endurance,
                    soak,slow-consumers,vanishing,coldstart,coldstart-broadcast,coldstart-churn,
                    cluster-broadcast
        --servers vertio,node[,vertio-no-warmup]   --out DIR   --server-jvm-args "ARGS"
        --event-loops N  --generator-event-loops N  --warmup S  --duration S
        --ping-interval MS  --ping-timeout MS  --node-dir DIR
        --idle-sessions N,..  --idle-ping-interval MS  --ack-clients N  --ack-rates R,..
        --broadcast NxR,..  --mixed NxR  --mixed-polling-share F  --mixed-upgraded-share F
        --churn-concurrency N
        --storm-clients N,..  --soak-cycles N  --soak-concurrency N  --soak-recovery MS
        --soak-settle S  --slow NxR  --slow-stalled N  --slow-max-buffered-bytes B
        --slow-window S  --vanishing N  --vanishing-polling-share F  --vanishing-ping MS
        --coldstart-receivers N  --coldstart-rate R  --coldstart-bytes B  --coldstart-seconds S
        --coldstart-cycles N  --coldstart-slices N  --coldstart-warm-cycles N
        --coldstart-warm-window N  --cluster-broadcast NxR,..""";

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    VERTX_HTTP_LOG.setLevel(java.util.logging.Level.SEVERE);
    String command = args.length > 0 && !args[0].startsWith("--") ? args[0] : "run";
    String[] rest =
        args.length > 0 && !args[0].startsWith("--")
            ? Arrays.copyOfRange(args, 1, args.length)
            : args;
    if (command.equals("--help")
        || command.equals("-h")
        || command.equals("help")
        || Arrays.asList(rest).contains("--help")) {
      System.out.println(USAGE);
      return;
    }
    BenchOptions options;
    try {
      options = command.equals("run") ? new BenchOptions(rest).validate() : null;
    } catch (IllegalArgumentException e) {
      System.err.println("vertio-bench: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    switch (command) {
      case "run" -> new BenchRunner(options).run();
      case "jmh" -> dev.vertio.bench.jmh.JmhRunner.main(rest);
      default -> {
        System.err.println("vertio-bench: unknown command: " + command);
        System.err.println(USAGE);
        System.exit(2);
      }
    }
  }
}

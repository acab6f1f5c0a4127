package dev.vertio.samples;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How the samples stop: on SIGTERM (what {@code kill}, Docker and Kubernetes send) or SIGINT
 * (Ctrl-C), a JVM shutdown hook stops the sample (drains its server: its clients see their
 * connection close and reconnect elsewhere) and closes Vert.x, waiting a bounded time; the process
 * then exits with status 0, a clean stop rather than the JVM's 143 or 130.
 */
public final class Shutdown {
  /** How long closing Vert.x may take after the sample's own stop. */
  public static final Duration CLOSE_BOUND = Duration.ofSeconds(10);

  private Shutdown() {}

  /**
   * Installs the shutdown hook and the signal handlers. Call it once, from {@code main}.
   *
   * @param what the sample's name, for the messages
   * @param vertx the Vert.x instance to close last
   * @param stop stops the sample (e.g. drains its server); runs first, may return null
   * @param drain how long {@code stop} may take, on top of {@link #CLOSE_BOUND}
   */
  public static void install(String what, Vertx vertx, Supplier<Future<?>> stop, Duration drain) {
    Duration bound = drain.plus(CLOSE_BOUND);
    Thread hook =
        new Thread(
            () -> {
              CountDownLatch done = new CountDownLatch(1);
              Future<?> stopping;
              try {
                stopping = stop.get();
              } catch (RuntimeException e) {
                stopping = Future.failedFuture(e);
              }
              (stopping == null ? Future.succeededFuture() : stopping)
                  .eventually(vertx::close)
                  .onComplete(ar -> done.countDown());
              try {
                if (done.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                  System.out.println("Vertio " + what + " stopped");
                } else {
                  System.err.println(
                      "Vertio "
                          + what
                          + " did not stop within "
                          + bound.toMillis()
                          + " ms; exiting anyway");
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "vertio-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    exitCleanlyOnSignals();
  }

  /**
   * The JVM's own handlers run the hooks too, but then exit with 128 + the signal: a stop asked for
   * is not a failure, so the samples exit with 0 (the hooks still run). Without {@code
   * sun.misc.Signal} (not every JVM has it) the JVM's handling stays.
   */
  private static void exitCleanlyOnSignals() {
    // sun.misc.Signal through reflection: the build stays free of "internal proprietary API"
    // warnings, and a JVM without it keeps its own handling.
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Object exit =
          Proxy.newProxyInstance(
              handler.getClassLoader(),
              new Class<?>[] {handler},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "handle" -> {
                      System.exit(0);
                      yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "vertio exit on signal";
                  });
      Method handle = signal.getMethod("handle", signal, handler);
      for (String name : List.of("TERM", "INT")) {
        handle.invoke(null, signal.getConstructor(String.class).newInstance(name), exit);
      }
    } catch (ReflectiveOperationException | RuntimeException notAvailable) {
      // the JVM's default handling: hooks run, exit status 128 + signal
    }
  }
}

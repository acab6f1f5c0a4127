package dev.vertio.engineio.testing;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocks a test thread (never an event loop) on a Vert.x future, with a generous timeout. */
public final class Await {
  /** Generous default so that slow CI machines do not fail tests. */
  public static final long DEFAULT_SECONDS = 10;

  private Await() {}

  /** Prints every thread's stack to stderr: what a timed-out test was waiting for. */
  public static void dumpThreads() {
    StringBuilder sb = new StringBuilder("=== thread dump at timeout ===\n");
    Thread.getAllStackTraces()
        .forEach(
            (t, stack) -> {
              sb.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
              for (StackTraceElement e : stack) {
                sb.append("    at ").append(e).append('\n');
              }
            });
    System.err.print(sb);
  }

  /**
   * @param future the future
   * @param <T> its type
   * @return its result
   */
  public static <T> T await(Future<T> future) {
    return await(future, DEFAULT_SECONDS);
  }

  /**
   * @param future the future
   * @param seconds how long to wait
   * @param <T> its type
   * @return its result
   */
  public static <T> T await(Future<T> future, long seconds) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new AssertionError("future failed", cause);
    } catch (TimeoutException e) {
      dumpThreads();
      throw new AssertionError("timed out after " + seconds + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }
}

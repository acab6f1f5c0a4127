package dev.vertio.engineio.spi;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;

/**
 * Runs work on a session's context: at once when already there, else handed over as one task. Work
 * run at once on the right thread but under another (or no) current context is run with the
 * session's context made current, so user handlers always see it as {@code Vertx.currentContext()}.
 */
public final class OnContext {
  private OnContext() {}

  /**
   * @param context the target context (an event-loop context)
   * @param action the work
   */
  public static void run(Context target, Runnable action) {
    ContextInternal context = (ContextInternal) target;
    if (context.inThread()) {
      ContextInternal current = ContextInternal.current();
      if (current != null && current.unwrap() == context) {
        action.run();
      } else {
        context.emit(v -> action.run());
      }
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  /**
   * Brings a future's completion back to a context: a user's {@code Future} may complete on any
   * thread (a worker, {@code Future.fromCompletionStage}), and what follows it touches state that
   * only the context's thread may touch.
   *
   * @param context the context the continuations must run on
   * @param future any future
   * @param <T> its result type
   * @return a future with the same outcome whose continuations run on {@code context}
   */
  public static <T> Future<T> anchor(Context context, Future<T> future) {
    if (future.isComplete() && ((ContextInternal) context).inThread()) {
      return future;
    }
    Promise<T> anchored = Promise.promise();
    future.onComplete(ar -> run(context, () -> anchored.handle(ar)));
    return anchored.future();
  }

  /**
   * @param context a context
   * @return true on the context's thread
   */
  public static boolean isOn(Context context) {
    return ((ContextInternal) context).inThread();
  }
}

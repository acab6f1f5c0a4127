package dev.vertio.engineio.impl;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.Recorder;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlineQueueTest {
  private final Vertx vertx = Vertx.vertx();
  private final ContextInternal context = (ContextInternal) vertx.getOrCreateContext();

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  private static final class Named extends DeadlineQueue.Node {
    private final String name;
    private final Recorder<String> fired;

    Named(String name, Recorder<String> fired) {
      this.name = name;
      this.fired = fired;
    }

    @Override
    protected void onDeadline() {
      fired.record(name);
    }
  }

  private void onContext(Runnable r) {
    Promise<Void> p = Promise.promise();
    context.runOnContext(
        v -> {
          r.run();
          p.complete();
        });
    await(p.future());
  }

  @Test
  void nodesExpireInTheOrderTheyWereAdded() {
    Recorder<String> fired = new Recorder<>();
    DeadlineQueue queue = new DeadlineQueue(context, 30);
    List<Named> nodes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      nodes.add(new Named("n" + i, fired));
    }
    onContext(() -> nodes.forEach(queue::add));
    for (int i = 0; i < 5; i++) {
      fired.expect("n" + i);
    }
    fired.assertExhausted();
    onContext(() -> assertTrue(queue.isEmpty()));
  }

  @Test
  void removedNodeNeverExpires() {
    Recorder<String> fired = new Recorder<>();
    DeadlineQueue queue = new DeadlineQueue(context, 20);
    Named a = new Named("a", fired);
    Named b = new Named("b", fired);
    onContext(
        () -> {
          queue.add(a);
          queue.add(b);
          a.dequeue();
          assertFalse(a.isQueued());
        });
    fired.expect("b");
    fired.assertExhausted();
  }

  @Test
  void reAddingMovesANodeToTheBack() {
    Recorder<String> fired = new Recorder<>();
    DeadlineQueue queue = new DeadlineQueue(context, 20);
    Named a = new Named("a", fired);
    Named b = new Named("b", fired);
    onContext(
        () -> {
          queue.add(a);
          queue.add(b);
          queue.add(a);
        });
    fired.expect("b");
    fired.expect("a");
    fired.assertExhausted();
  }

  @Test
  void aNodeCanBeQueuedAgainFromItsOwnDeadline() {
    Recorder<String> fired = new Recorder<>();
    DeadlineQueue queue = new DeadlineQueue(context, 10);
    int[] count = {0};
    DeadlineQueue.Node node =
        new DeadlineQueue.Node() {
          @Override
          protected void onDeadline() {
            fired.record("tick");
            if (++count[0] < 3) {
              queue.add(this);
            }
          }
        };
    onContext(() -> queue.add(node));
    fired.expect("tick");
    fired.expect("tick");
    fired.expect("tick");
    fired.assertExhausted();
    assertEquals(3, count[0]);
  }

  @Test
  void clearForgetsEveryNode() {
    Recorder<String> fired = new Recorder<>();
    DeadlineQueue queue = new DeadlineQueue(context, 20);
    Named a = new Named("a", fired);
    onContext(
        () -> {
          queue.add(a);
          queue.clear();
          assertFalse(a.isQueued());
        });
    assertFalse(fired.size() > 0);
    fired.assertExhausted();
  }
}

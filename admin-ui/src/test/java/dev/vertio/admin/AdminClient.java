package dev.vertio.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.SocketIoClient;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A UI stand-in: a client of the admin namespace that records every event, by name. */
final class AdminClient {
  private final Map<String, LinkedBlockingQueue<JsonArray>> events = new ConcurrentHashMap<>();

  /** Every event's name in arrival order. */
  final LinkedBlockingQueue<String> order = new LinkedBlockingQueue<>();

  final ClientSocket socket;

  AdminClient(SocketIoClient client, String url, Map<String, ?> auth, String transport) {
    socket =
        client.socket(
            url,
            new ClientOptions()
                .setAuth(auth)
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(List.of(transport)));
    socket.onAny(
        (event, args) -> {
          queue(event).add(args);
          order.add(event);
        });
  }

  private LinkedBlockingQueue<JsonArray> queue(String event) {
    return events.computeIfAbsent(event, e -> new LinkedBlockingQueue<>());
  }

  /**
   * @return the arguments of the next {@code event} (waits up to 10 s)
   */
  JsonArray next(String event) {
    try {
      JsonArray args = queue(event).poll(10, TimeUnit.SECONDS);
      if (args == null) {
        throw new AssertionError("no " + event + " within 10 s; seen: " + order);
      }
      return args;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Asserts that no {@code event} is waiting (after a short grace period). */
  void assertNone(String event) {
    try {
      assertNull(queue(event).poll(100, TimeUnit.MILLISECONDS), "unexpected " + event);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  int pending(String event) {
    return queue(event).size();
  }

  void expectNames(String... names) {
    for (String name : names) {
      try {
        assertEquals(name, order.poll(10, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

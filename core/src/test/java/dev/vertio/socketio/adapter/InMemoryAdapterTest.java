package dev.vertio.socketio.adapter;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.Recorder;
import dev.vertio.socketio.AckTimeoutException;
import dev.vertio.socketio.parser.SocketPacket;
import dev.vertio.socketio.parser.SocketPacketEncoder;
import dev.vertio.socketio.parser.SocketPacketType;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The in-memory adapter with fake sockets: no connection, no engine; deliveries are recorded as
 * {@code <socket> <event>}. Runs on one context, so deliveries happen in the call.
 */
class InMemoryAdapterTest {
  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final Recorder<String> delivered = new Recorder<>();
  private final Map<String, FakeSocket> sockets = new HashMap<>();
  private final InMemoryAdapter adapter =
      new InMemoryAdapter(
          new AdapterHost() {
            @Override
            public String name() {
              return "/";
            }

            @Override
            public Vertx vertx() {
              return vertx;
            }

            @Override
            public LocalSocket localSocket(String id) {
              return sockets.get(id);
            }
          });

  @AfterEach
  void tearDown() {
    delivered.assertExhausted();
    await(vertx.close());
  }

  /** A socket of this node that records what it is sent and may answer acknowledgements. */
  private final class FakeSocket extends SocketStub {
    private final JsonArray answer;
    private boolean disconnected;

    FakeSocket(String id, JsonArray answer) {
      super(id, context);
      this.answer = answer;
    }

    @Override
    public void deliver(
        BroadcastPacket packet, BroadcastOptions options, Handler<JsonArray> ackHandler) {
      delivered.record(id() + " " + packet.event());
      if (ackHandler != null && answer != null) {
        ackHandler.handle(answer);
      }
    }

    @Override
    public Future<Void> disconnect(boolean close) {
      disconnected = true;
      adapter.delAll(id());
      return Future.succeededFuture();
    }
  }

  private void connect(String id, JsonArray answer, String... rooms) {
    sockets.put(id, new FakeSocket(id, answer));
    adapter.addAll(id, Set.of(rooms));
  }

  private <T> T onContext(Callable<T> action) {
    Promise<T> p = Promise.promise();
    context.runOnContext(
        v -> {
          try {
            p.complete(action.call());
          } catch (Exception e) {
            p.fail(e);
          }
        });
    return await(p.future());
  }

  private static BroadcastPacket event(String name) {
    return new BroadcastPacket(
        new SocketPacket(
            SocketPacketType.EVENT, "/", SocketPacket.NO_ID, new JsonArray().add(name)),
        name,
        new JsonArray(),
        new SocketPacketEncoder());
  }

  private static BroadcastOptions to(Set<String> rooms, Set<String> except) {
    return new BroadcastOptions(rooms, except, false, true, false);
  }

  private void broadcast(String event, BroadcastOptions options) {
    onContext(() -> adapter.broadcast(event(event), options));
  }

  private List<String> drain(int n) {
    TreeSet<String> got = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      got.add(delivered.next());
    }
    return List.copyOf(got);
  }

  @Test
  void roomsReachTheirMembersOnceExceptExcludesAndEmptyMeansEveryone() {
    connect("a", null, "a", "red");
    connect("b", null, "b", "red", "blue");
    connect("c", null, "c", "blue");
    broadcast("e1", to(Set.of("red", "blue"), Set.of()));
    assertEquals(List.of("a e1", "b e1", "c e1"), drain(3), "b is in both rooms, once");
    broadcast("e2", to(Set.of("red", "blue"), Set.of("a")));
    assertEquals(List.of("b e2", "c e2"), drain(2));
    broadcast("e3", to(Set.of(), Set.of("blue")));
    assertEquals(List.of("a e3"), drain(1));
    broadcast("e4", BroadcastOptions.ALL);
    assertEquals(List.of("a e4", "b e4", "c e4"), drain(3));
    broadcast("e5", to(Set.of("nobody"), Set.of()));
  }

  @Test
  void leavingRoomsForgetsEmptyRoomsAndSocketsThatLeftEverything() {
    connect("a", null, "a", "red");
    connect("b", null, "b", "red");
    assertEquals(Set.of("a", "b", "red"), adapter.rooms());
    adapter.del("a", "red");
    assertEquals(Set.of("a"), adapter.socketRooms("a"));
    adapter.delAll("b");
    assertEquals(Set.of("a"), adapter.rooms(), "empty rooms are gone");
    assertTrue(adapter.socketRooms("b").isEmpty());
    assertEquals(Set.of("a"), adapter.sockets(Set.of()));
    broadcast("e", to(Set.of("red"), Set.of()));
  }

  @Test
  void remoteStyleJoinLeaveAndDisconnectActOnTheTargets() {
    connect("a", null, "a", "red");
    connect("b", null, "b");
    onContext(() -> adapter.addSockets(to(Set.of("red"), Set.of()), Set.of("green")));
    assertEquals(Set.of("a", "red", "green"), adapter.socketRooms("a"));
    onContext(() -> adapter.delSockets(BroadcastOptions.ALL, Set.of("red")));
    assertEquals(Set.of("a", "green"), adapter.socketRooms("a"));
    onContext(() -> adapter.disconnectSockets(to(Set.of("green"), Set.of()), true));
    assertTrue(sockets.get("a").disconnected);
    assertTrue(!sockets.get("b").disconnected);
    assertEquals(Set.of("b"), adapter.rooms());
  }

  @Test
  void broadcastWithAckCollectsEveryAnswerOrFailsWithThoseThatCame() {
    connect("a", new JsonArray().add("ok-a"), "a", "red");
    connect("b", new JsonArray().add("ok-b"), "b", "red");
    List<JsonArray> answers =
        await(
            onContext(
                () ->
                    adapter.broadcastWithAck(
                        event("q"), to(Set.of("red"), Set.of()), Duration.ofSeconds(30))));
    assertEquals(2, answers.size());
    drain(2);
    connect("silent", null, "silent", "red");
    Future<List<JsonArray>> partial =
        onContext(
            () ->
                adapter.broadcastWithAck(
                    event("q"), to(Set.of("red"), Set.of()), Duration.ofMillis(50)));
    drain(3);
    AckTimeoutException timeout =
        (AckTimeoutException) await(partial.transform(ar -> Future.succeededFuture(ar.cause())));
    assertEquals(2, timeout.responses().size());
  }
}

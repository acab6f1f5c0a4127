package dev.vertio.socketio.adapter;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.socketio.parser.SocketPacket;
import dev.vertio.socketio.parser.SocketPacketEncoder;
import dev.vertio.socketio.parser.SocketPacketType;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fan-out over sockets on several event loops: rooms, exclusions and own rooms as Socket.IO's,
 * recipients taken when the broadcast is made, joins and leaves from many threads at once.
 */
class FanoutTest {
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(3));
  private final ContextInternal loopA = ((VertxInternal) vertx).createEventLoopContext();
  private final ContextInternal loopB = ((VertxInternal) vertx).createEventLoopContext();
  private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
  private final Map<String, Promise<Void>> awaited = new ConcurrentHashMap<>();
  private final List<Integer> recipientCounts = new java.util.concurrent.CopyOnWriteArrayList<>();
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

            @Override
            public void onBroadcast(BroadcastPacket packet, int localRecipients) {
              Promise<Void> p = awaited.remove(packet.event());
              if (p != null) {
                recipientCounts.add(localRecipients);
                p.complete();
              }
            }
          });

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  /** A socket that counts each event it gets, and checks it gets it on its own loop. */
  private static class Socket extends SocketStub {
    private final ContextInternal context;
    final Map<String, Integer> got = new ConcurrentHashMap<>();
    volatile boolean offLoop;
    volatile Context currentWhenDelivered;

    Socket(String id, ContextInternal context) {
      super(id, context);
      this.context = context;
    }

    @Override
    public void deliver(
        BroadcastPacket packet, BroadcastOptions options, Handler<JsonArray> ackHandler) {
      if (!context.nettyEventLoop().inEventLoop()) {
        offLoop = true;
      }
      currentWhenDelivered = Vertx.currentContext();
      got.merge(packet.event(), 1, Integer::sum);
    }
  }

  private Socket connect(String id, ContextInternal context, String... rooms) {
    Socket s = new Socket(id, context);
    sockets.put(id, s);
    Set<String> all = new java.util.HashSet<>(Set.of(rooms));
    all.add(id);
    adapter.addAll(id, all);
    return s;
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

  /**
   * @return completes when every loop has walked the broadcast of that event
   */
  private Future<Void> walked(String event) {
    Promise<Void> p = Promise.promise();
    awaited.put(event, p);
    return p.future();
  }

  /** Broadcasts from a thread that is no event loop, and waits until every loop walked. */
  private void broadcast(String event, BroadcastOptions options) {
    Future<Void> walked = walked(event);
    adapter.broadcast(event(event), options);
    await(walked);
  }

  /**
   * @return for each socket, how many times it got the event (sockets that did not are left out)
   */
  private Map<String, Integer> got(String event) {
    Map<String, Integer> out = new TreeMap<>();
    sockets.forEach(
        (id, s) -> {
          Integer n = s.got.get(event);
          if (n != null) {
            out.put(id, n);
          }
          assertTrue(!s.offLoop, id + " got a broadcast off its event loop");
        });
    return out;
  }

  @Test
  void roomsExclusionsAndOwnRoomsAcrossTwoEventLoops() {
    assertNotSame(loopA.nettyEventLoop(), loopB.nettyEventLoop());
    connect("a1", loopA, "red");
    connect("a2", loopA, "red", "blue");
    connect("b1", loopB, "blue");
    connect("b2", loopB, "red", "blue", "a1");

    broadcast("all", BroadcastOptions.ALL);
    assertEquals(Map.of("a1", 1, "a2", 1, "b1", 1, "b2", 1), got("all"));
    broadcast("both", to(Set.of("red", "blue"), Set.of()));
    assertEquals(Map.of("a1", 1, "a2", 1, "b1", 1, "b2", 1), got("both"), "once each");
    broadcast("exceptBlue", to(Set.of("red"), Set.of("blue")));
    assertEquals(Map.of("a1", 1), got("exceptBlue"));
    broadcast("allButA2", to(Set.of(), Set.of("a2")));
    assertEquals(Map.of("a1", 1, "b1", 1, "b2", 1), got("allButA2"));
    broadcast("ownRoom", to(Set.of("b1"), Set.of()));
    assertEquals(Map.of("b1", 1), got("ownRoom"));
    broadcast("roomNamedLikeA1", to(Set.of("a1"), Set.of()));
    assertEquals(Map.of("a1", 1, "b2", 1), got("roomNamedLikeA1"), "a1's own room and b2's");
    broadcast("nobody", to(Set.of("green"), Set.of()));
    assertEquals(Map.of(), got("nobody"));
    assertEquals(List.of(4, 4, 1, 3, 1, 2, 0), recipientCounts);

    assertEquals(Set.of("a1", "a2", "b1", "b2", "red", "blue"), adapter.rooms());
    assertEquals(Set.of("b2", "red", "blue", "a1"), adapter.socketRooms("b2"));
    adapter.del("b1", "b1");
    broadcast("leftOwnRoom", to(Set.of("b1"), Set.of()));
    assertEquals(Map.of(), got("leftOwnRoom"));
    broadcast("stillEveryone", BroadcastOptions.ALL);
    assertEquals(4, got("stillEveryone").size(), "a socket in no room still gets io.emit");
    adapter.delAll("b2");
    assertEquals(Set.of("a1", "a2", "red", "blue"), adapter.rooms());
    assertEquals(Set.of("a1", "a2", "b1"), adapter.sockets(Set.of()));
    assertEquals(Set.of("a2", "b1"), adapter.sockets(Set.of("blue")));
  }

  @Test
  void recipientsAreTakenWhenTheBroadcastIsMade() throws Exception {
    for (int i = 0; i < 10; i++) {
      connect("b" + i, loopB, "red");
    }
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch blocking = new CountDownLatch(1);
    loopB.runOnContext(
        v -> {
          blocking.countDown();
          try {
            held.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    blocking.await();
    Future<Void> walked = walked("e");
    adapter.broadcast(event("e"), to(Set.of("red"), Set.of()));
    // While the walk waits for its loop: leaves (in place, were the array not pinned) and joins.
    for (int i = 0; i < 5; i++) {
      adapter.del("b" + i, "red");
    }
    for (int i = 10; i < 15; i++) {
      connect("b" + i, loopB, "red");
    }
    held.countDown();
    await(walked);
    Map<String, Integer> expected = new TreeMap<>();
    for (int i = 0; i < 10; i++) {
      expected.put("b" + i, 1);
    }
    assertEquals(expected, got("e"));
    broadcast("after", to(Set.of("red"), Set.of()));
    assertEquals(10, got("after").size());
    for (int i = 5; i < 15; i++) {
      assertEquals(1, got("after").get("b" + i));
    }
  }

  @Test
  void joinsAndLeavesFromManyThreadsWhileBroadcastingLeaveExactRooms() throws Exception {
    int threads = 4;
    int perThread = 200;
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int base = t * perThread;
      ContextInternal home = t % 2 == 0 ? loopA : loopB;
      workers.add(
          new Thread(
              () -> {
                for (int i = base; i < base + perThread; i++) {
                  String id = "s" + i;
                  connect(id, home, "room" + (i % 7), "churn");
                  adapter.del(id, "churn");
                  if (i % 3 == 0) {
                    adapter.delAll(id);
                  }
                  adapter.broadcast(event("noise"), to(Set.of("room" + (i % 7)), Set.of(id)));
                }
              }));
    }
    workers.forEach(Thread::start);
    for (Thread w : workers) {
      w.join();
    }
    Set<String> expectedRooms = new java.util.HashSet<>();
    Set<String> expectedSockets = new java.util.HashSet<>();
    for (int i = 0; i < threads * perThread; i++) {
      if (i % 3 != 0) {
        expectedRooms.add("s" + i);
        expectedRooms.add("room" + (i % 7));
        expectedSockets.add("s" + i);
      }
    }
    assertEquals(expectedRooms, adapter.rooms(), "no room left behind, none lost");
    assertEquals(expectedSockets, adapter.sockets(Set.of()));
    broadcast("final", to(Set.of("room3", "churn"), Set.of()));
    Map<String, Integer> expected = new TreeMap<>();
    for (String id : expectedSockets) {
      if (Integer.parseInt(id.substring(1)) % 7 == 3) {
        expected.put(id, 1);
      }
    }
    assertEquals(expected, got("final"));
  }

  @Test
  void aDeliveryThatBroadcastsAgainDoesNotDisturbTheOuterWalk() {
    Promise<Void> done = Promise.promise();
    for (int i = 0; i < 4; i++) {
      connect("a" + i, loopA, "red", "blue");
    }
    Socket inner =
        new Socket("x", loopA) {
          @Override
          public void deliver(
              BroadcastPacket packet, BroadcastOptions options, Handler<JsonArray> ackHandler) {
            super.deliver(packet, options, ackHandler);
            if (packet.event().equals("outer")) {
              adapter.broadcast(event("inner"), to(Set.of("red", "blue"), Set.of("a0")));
            }
          }
        };
    sockets.put("x", inner);
    adapter.addAll("x", Set.of("x", "red"));
    loopA.runOnContext(
        v -> {
          adapter.broadcast(event("outer"), to(Set.of("red", "blue"), Set.of("a1")));
          done.complete();
        });
    await(done.future());
    assertEquals(Map.of("a0", 1, "a2", 1, "a3", 1, "x", 1), got("outer"));
    assertEquals(Map.of("a1", 1, "a2", 1, "a3", 1, "x", 1), got("inner"));
  }

  @Test
  void aSocketInManyRoomsIsReachedOnceAndLeavesThemAll() {
    Set<String> rooms = new java.util.TreeSet<>();
    for (int i = 0; i < 40; i++) {
      rooms.add("r" + i);
    }
    connect("many", loopA, rooms.toArray(String[]::new));
    connect("few", loopB, "r0", "r39");
    for (int i = 0; i < 40; i += 2) {
      adapter.del("many", "r" + i);
      rooms.remove("r" + i);
    }
    Set<String> expected = new java.util.HashSet<>(rooms);
    expected.add("many");
    assertEquals(expected, adapter.socketRooms("many"));
    broadcast("e", to(Set.of("r0", "r1", "r3", "r39"), Set.of()));
    assertEquals(Map.of("many", 1, "few", 1), got("e"));
    adapter.delAll("many");
    assertEquals(Set.of("few", "r0", "r39"), adapter.rooms());
  }

  @Test
  void aBroadcastFromElsewhereReachesEachSocketOnItsOwnContext() {
    ContextInternal otherOnA =
        ((VertxInternal) vertx)
            .contextBuilder()
            .withEventLoop(loopA.nettyEventLoop())
            .withThreadingModel(io.vertx.core.ThreadingModel.EVENT_LOOP)
            .build();
    assertNotSame(loopA, otherOnA);
    Socket first = connect("first", loopA);
    Socket second = connect("second", otherOnA);
    broadcast("e", BroadcastOptions.ALL);
    assertEquals(Map.of("first", 1, "second", 1), got("e"));
    assertTrue(first.currentWhenDelivered == loopA, "its own context");
    assertTrue(second.currentWhenDelivered == otherOnA, "its own context, on the same loop");
  }
}

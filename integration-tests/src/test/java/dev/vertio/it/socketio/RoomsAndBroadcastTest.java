package dev.vertio.it.socketio;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.Recorder;
import dev.vertio.it.OfficialJavaClients.Client;
import dev.vertio.socketio.AckTimeoutException;
import dev.vertio.socketio.RemoteSocket;
import dev.vertio.socketio.Socket;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rooms and broadcasts reach exactly the right clients (official Java clients). */
class RoomsAndBroadcastTest {
  private static final String[] WS = {"websocket"};
  private ServerFixture f;
  private final List<Client> clients = new ArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();
  private final Recorder<String> disconnecting = new Recorder<>();
  private final Recorder<String> disconnected = new Recorder<>();

  @BeforeEach
  void start() {
    f = new ServerFixture();
    Recorder<Socket> connected = new Recorder<>();
    f.io.onConnection(
        s -> {
          s.onDisconnecting(reason -> disconnecting.record(s.id() + " " + s.rooms().size()));
          s.onDisconnect(reason -> disconnected.record(s.id() + " " + s.rooms().size()));
          connected.record(s);
        });
    for (int i = 0; i < 4; i++) {
      Client c = f.clients.create("/", WS, null).record("news").open();
      c.events().expect("connect");
      clients.add(c);
      sockets.add(connected.next());
    }
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  /** Asserts exactly these clients (by index) got {@code news "<text>"}. */
  private void assertReached(String text, int... indexes) {
    Set<Integer> expected = new HashSet<>();
    for (int i : indexes) {
      expected.add(i);
      clients.get(i).events().expect("news \"" + text + "\"");
    }
    for (int i = 0; i < clients.size(); i++) {
      if (!expected.contains(i)) {
        clients.get(i).events().assertExhausted();
      }
    }
  }

  @Test
  void roomBroadcastReachesItsMembersOnly() {
    await(sockets.get(0).join("a"));
    await(sockets.get(1).join("a", "b"));
    await(sockets.get(2).join("b"));
    await(f.io.to("a").emit("news", "to a"));
    assertReached("to a", 0, 1);
    await(f.io.to("a").to("b").emit("news", "a or b"));
    assertReached("a or b", 0, 1, 2);
    await(f.io.to("a").except("b").emit("news", "a not b"));
    assertReached("a not b", 0);
    await(f.io.except("a").emit("news", "not a"));
    assertReached("not a", 2, 3);
    await(f.io.emit("news", "everyone"));
    assertReached("everyone", 0, 1, 2, 3);
  }

  @Test
  void socketToAndBroadcastLeaveTheSenderOut() {
    for (Socket s : sockets) {
      await(s.join("room"));
    }
    await(sockets.get(0).to("room").emit("news", "from 0"));
    assertReached("from 0", 1, 2, 3);
    await(sockets.get(1).broadcast().emit("news", "from 1"));
    assertReached("from 1", 0, 2, 3);
    await(sockets.get(2).except(sockets.get(3).id()).emit("news", "from 2"));
    assertReached("from 2", 0, 1);
  }

  @Test
  void everySocketIsInItsOwnRoom() {
    await(f.io.to(sockets.get(2).id()).emit("news", "direct"));
    assertReached("direct", 2);
    assertTrue(sockets.get(2).rooms().contains(sockets.get(2).id()));
  }

  @Test
  void leaveStopsDelivery() {
    await(sockets.get(0).join("a"));
    await(sockets.get(1).join("a"));
    await(sockets.get(0).leave("a"));
    await(f.io.to("a").emit("news", "after leave"));
    assertReached("after leave", 1);
  }

  @Test
  void roomsAreCleanedOnDisconnectWhileDisconnectingStillSeesThem() {
    await(sockets.get(0).join("a", "b"));
    String id = sockets.get(0).id();
    clients.get(0).socket().disconnect();
    assertEquals(id + " 3", disconnecting.next());
    assertEquals(id + " 0", disconnected.next());
    assertFalse(f.io.sockets().adapter().rooms().contains("a"));
    assertTrue(f.io.sockets().adapter().rooms().contains("b") == false);
    assertFalse(f.io.sockets().adapter().rooms().contains(id));
  }

  @Test
  void fetchSocketsJoinLeaveAndDisconnectThroughTheAdapter() {
    await(sockets.get(0).join("a"));
    await(sockets.get(1).join("a"));
    List<RemoteSocket> inA = await(f.io.in("a").fetchSockets());
    assertEquals(
        Set.of(sockets.get(0).id(), sockets.get(1).id()),
        inA.stream().map(RemoteSocket::id).collect(Collectors.toSet()));
    assertEquals(4, await(f.io.fetchSockets()).size());

    await(f.io.in("a").socketsJoin("c"));
    await(f.io.to("c").emit("news", "c"));
    assertReached("c", 0, 1);
    await(f.io.in("a").socketsLeave("a"));
    assertEquals(0, await(f.io.in("a").fetchSockets()).size());

    await(f.io.in("c").disconnectSockets(false));
    clients.get(0).events().expect("disconnect \"io server disconnect\"");
    clients.get(1).events().expect("disconnect \"io server disconnect\"");
    assertEquals(2, await(f.io.fetchSockets()).size());
  }

  @Test
  void broadcastWithAckCollectsOneAnswerPerRecipient() {
    for (int i = 0; i < 3; i++) {
      int n = i;
      clients
          .get(i)
          .socket()
          .on("poll", args -> ((io.socket.client.Ack) args[args.length - 1]).call("vote " + n));
      await(sockets.get(i).join("voters"));
    }
    List<JsonArray> answers =
        await(f.io.to("voters").timeout(Duration.ofSeconds(5)).emitWithAck("poll", "q"));
    assertEquals(
        Set.of("vote 0", "vote 1", "vote 2"),
        answers.stream().map(a -> a.getString(0)).collect(Collectors.toSet()));
  }

  @Test
  void broadcastWithAckTimesOutWithThePartialAnswers() {
    clients
        .get(0)
        .socket()
        .on("poll", args -> ((io.socket.client.Ack) args[args.length - 1]).call("yes"));
    clients.get(1).socket().on("poll", args -> {});
    await(sockets.get(0).join("voters"));
    await(sockets.get(1).join("voters"));
    AckTimeoutException e =
        assertThrows(
            AckTimeoutException.class,
            () -> await(f.io.to("voters").timeout(Duration.ofMillis(300)).emitWithAck("poll")));
    assertEquals(List.of(new JsonArray().add("yes")), e.responses());
  }

  @Test
  void broadcastWithAckNeedsATimeout() {
    assertThrows(IllegalStateException.class, () -> await(f.io.emitWithAck("poll")));
  }
}

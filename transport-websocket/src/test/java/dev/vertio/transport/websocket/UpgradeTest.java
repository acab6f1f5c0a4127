package dev.vertio.transport.websocket;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.testing.EngineFixture;
import dev.vertio.engineio.testing.RawEngineClient.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Polling then WebSocket: the probe dance, and no packet lost, doubled or reordered. */
class UpgradeTest {
  private EngineFixture f;

  @AfterEach
  void tearDown() {
    Wire.close(f);
  }

  private String openPolling() {
    JsonObject open = await(f.client.pollingHandshake());
    assertEquals(List.of("websocket"), open.getJsonArray("upgrades").getList());
    f.events.expect("open polling");
    return open.getString("sid");
  }

  /** Probes on a new WebSocket for sid and takes the 3probe. */
  private Peer probe(String sid) {
    Peer ws = new Peer(await(f.client.upgrade(sid)));
    ws.ws.writeTextMessage("2probe");
    ws.frames.expect("3probe");
    return ws;
  }

  /** Takes WebSocket frames until {@code received} holds {@code total} messages. */
  private static void collect(Peer ws, List<String> received, int total) {
    while (received.size() < total) {
      String frame = ws.frames.next();
      if (frame.startsWith("4")) {
        received.add(frame.substring(1));
      } else {
        assertTrue(frame.equals("2") || frame.equals("6"), "unexpected frame " + frame);
      }
    }
  }

  private static List<String> numbered(int total) {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      expected.add("m" + i);
    }
    return expected;
  }

  @Test
  void probeDanceMovesTheSessionToWebSocket() {
    f = new EngineFixture(new EngineOptions());
    String sid = openPolling();
    EngineSession session = f.session(sid);
    Future<Reply> pending = f.client.poll(sid);
    f.awaitPollPending(sid);
    Peer ws = new Peer(await(f.client.upgrade(sid)));
    assertEquals("polling", session.transportName());
    ws.ws.writeTextMessage("2probe");
    ws.frames.expect("3probe");
    assertEquals("6", await(pending).text());
    assertEquals("polling", session.transportName());
    ws.ws.writeTextMessage("5");
    f.events.expect("upgrade");
    assertEquals("websocket", session.transportName());
    session.send("over ws");
    ws.frames.expect("4over ws");
    ws.ws.writeTextMessage("4from client");
    f.events.expect("text from client");
    ws.frames.assertExhausted();
    f.events.assertExhausted();
  }

  @Test
  void pollingRequestsAfterTheUpgradeAreBadRequests() {
    f = new EngineFixture(new EngineOptions());
    String sid = openPolling();
    Peer ws = probe(sid);
    ws.ws.writeTextMessage("5");
    f.events.expect("upgrade");
    Reply poll = await(f.client.poll(sid));
    assertEquals(400, poll.status());
    assertEquals(3, poll.json().getInteger("code"));
    Reply post = await(f.client.send(sid, "4x"));
    assertEquals(400, post.status());
    assertEquals(3, post.json().getInteger("code"));
    // The session is unharmed.
    f.session(sid).send("fine");
    ws.frames.expect("4fine");
    f.events.assertExhausted();
  }

  @Test
  void probeWithoutAPendingPollMakesTheNextPollReturnANoop() {
    f = new EngineFixture(new EngineOptions());
    String sid = openPolling();
    Peer ws = probe(sid);
    // Reference "check": the client's next poll ends at once so it can pause polling.
    assertEquals("6", await(f.client.poll(sid)).text());
    ws.ws.writeTextMessage("5");
    f.events.expect("upgrade");
  }

  @Test
  void packetsSentAroundTheProbeArriveOnceAndInOrder() {
    f = new EngineFixture(new EngineOptions());
    String sid = openPolling();
    EngineSession session = f.session(sid);
    AtomicInteger seq = new AtomicInteger();
    Runnable burst =
        () -> {
          for (int i = 0; i < 5; i++) {
            session.send("m" + seq.getAndIncrement());
          }
        };
    List<String> received = new ArrayList<>();
    burst.run(); // before any WebSocket: buffered
    received.addAll(Wire.messages(await(f.client.poll(sid)).text()));
    Future<Reply> pending = f.client.poll(sid);
    f.awaitPollPending(sid);
    Peer ws = new Peer(await(f.client.upgrade(sid)));
    burst.run(); // WebSocket open, not probed, GET held
    ws.ws.writeTextMessage("2probe");
    ws.frames.expect("3probe");
    received.addAll(Wire.messages(await(pending).text()));
    burst.run(); // probed, no GET: must wait for the upgrade
    ws.ws.writeTextMessage("5");
    burst.run(); // right after the upgrade packet
    f.events.expect("upgrade");
    burst.run(); // upgraded
    collect(ws, received, seq.get());
    assertEquals(numbered(25), received);
    ws.frames.assertExhausted();
  }

  @Test
  void messagesSentContinuouslyWhileUpgradingArriveOnceAndInOrder() {
    f = new EngineFixture(new EngineOptions());
    String sid = openPolling();
    EngineSession session = f.session(sid);
    int total = 400;
    AtomicInteger next = new AtomicInteger();
    long timer =
        f.vertx.setPeriodic(
            1,
            t -> {
              for (int k = 0; k < 3 && next.get() < total; k++) {
                session.send("m" + next.getAndIncrement());
              }
            });
    List<String> received = new ArrayList<>();
    received.addAll(Wire.messages(await(f.client.poll(sid)).text()));
    Future<Reply> inFlight = f.client.poll(sid);
    Peer ws = probe(sid);
    // Like engine.io-client: after the probe, finish the poll in flight, then upgrade.
    received.addAll(Wire.messages(await(inFlight).text()));
    ws.ws.writeTextMessage("5");
    collect(ws, received, total);
    f.vertx.cancelTimer(timer);
    assertEquals(numbered(total), received);
    f.events.expect("upgrade");
  }

  @Test
  void clientMessagesArriveByPostDuringTheUpgradeAndByWebSocketAfter() {
    f = new EngineFixture(new EngineOptions());
    String sid = openPolling();
    Peer ws = probe(sid);
    assertEquals(200, await(f.client.send(sid, "4by post")).status());
    f.events.expect("text by post");
    ws.ws.writeTextMessage("5");
    ws.ws.writeTextMessage("4by ws");
    f.events.expect("upgrade");
    f.events.expect("text by ws");
    f.events.assertExhausted();
  }

  @Test
  void heartbeatMovesToTheWebSocket() {
    f = new EngineFixture(new EngineOptions().setPingInterval(100).setPingTimeout(400));
    String sid = openPolling();
    Peer ws = probe(sid);
    ws.ws.writeTextMessage("5");
    f.events.expect("upgrade");
    for (int i = 0; i < 3; i++) {
      ws.frames.expect("2");
      ws.ws.writeTextMessage("3");
    }
    assertFalse(f.session(sid).isClosed());
    f.events.assertExhausted();
  }

  @Test
  void secondWebSocketIsAcceptedThenClosedAndTheSessionStaysHealthy() {
    f = new EngineFixture(new EngineOptions());
    String sid = openPolling();
    Peer first = probe(sid);
    Peer whileUpgrading = new Peer(await(f.client.upgrade(sid)));
    assertTrue(whileUpgrading.frames.next().startsWith("closed"));
    first.ws.writeTextMessage("5");
    f.events.expect("upgrade");
    Peer afterUpgrade = new Peer(await(f.client.upgrade(sid)));
    assertTrue(afterUpgrade.frames.next().startsWith("closed"));
    f.session(sid).send("still fine");
    first.frames.expect("4still fine");
    first.ws.writeTextMessage("4me too");
    f.events.expect("text me too");
    assertEquals("websocket", f.session(sid).transportName());
    f.events.assertExhausted();
  }

  @Test
  void webSocketSessionCannotBeUpgradedAgain() {
    f = new EngineFixture(new EngineOptions());
    Peer ws = new Peer(await(f.client.websocket()));
    String sid = ws.open().getString("sid");
    f.events.expect("open websocket");
    Peer second = new Peer(await(f.client.upgrade(sid)));
    assertTrue(second.frames.next().startsWith("closed"));
    f.session(sid).send("fine");
    ws.frames.expect("4fine");
    f.events.assertExhausted();
  }

  @Test
  void unfinishedUpgradeTimesOutAndTheSessionKeepsPolling() {
    f = new EngineFixture(new EngineOptions().setUpgradeTimeout(150));
    String sid = openPolling();
    Peer ws = probe(sid);
    assertTrue(ws.frames.next().startsWith("closed"));
    f.session(sid).send("polling still");
    assertEquals("4polling still", await(f.client.poll(sid)).text());
    assertEquals(200, await(f.client.send(sid, "4up")).status());
    f.events.expect("text up");
    assertEquals("polling", f.session(sid).transportName());
    // A later attempt may succeed.
    Peer retry = probe(sid);
    retry.ws.writeTextMessage("5");
    f.events.expect("upgrade");
    f.session(sid).send("now ws");
    retry.frames.expect("4now ws");
    f.events.assertExhausted();
  }

  @Test
  void closingTheProbeSocketAbandonsTheUpgrade() {
    f = new EngineFixture(new EngineOptions());
    String sid = openPolling();
    Peer ws = probe(sid);
    ws.ws.close();
    assertTrue(ws.frames.next().startsWith("closed"));
    f.session(sid).send("polling");
    assertEquals("4polling", await(f.client.poll(sid)).text());
    assertEquals("polling", f.session(sid).transportName());
    f.events.assertExhausted();
  }

  @Test
  void unexpectedPacketDuringTheUpgradeAbandonsIt() {
    f = new EngineFixture(new EngineOptions());
    String sid = openPolling();
    Peer ws = new Peer(await(f.client.upgrade(sid)));
    ws.ws.writeTextMessage("4too early");
    assertTrue(ws.frames.next().startsWith("closed"));
    f.session(sid).send("polling");
    assertEquals("4polling", await(f.client.poll(sid)).text());
    f.events.assertExhausted();
  }

  @Test
  void sessionCloseDuringTheUpgradeClosesTheProbeSocket() {
    f = new EngineFixture(new EngineOptions());
    String sid = openPolling();
    Peer ws = probe(sid);
    // Once probed, a poll that reaches the server before the close is answered with a noop (the
    // reference's "check"), and the close then waits for the next poll. Sent together, the poll
    // sometimes won that race (1 run in 12 timed out): the close goes first, seen by the probe
    // socket's closing, and the poll after it gets the close packet.
    Future<Void> closed = f.session(sid).close();
    assertTrue(ws.frames.next().startsWith("closed"));
    assertEquals("1", await(f.client.poll(sid)).text());
    await(closed);
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.FORCED_CLOSE));
  }

  @Test
  void upgradesCanBeSwitchedOff() {
    f = new EngineFixture(new EngineOptions().setAllowUpgrades(false));
    JsonObject open = await(f.client.pollingHandshake());
    assertEquals(List.of(), open.getJsonArray("upgrades").getList());
    f.events.expect("open polling");
    String sid = open.getString("sid");
    Peer ws = new Peer(await(f.client.upgrade(sid)));
    assertTrue(ws.frames.next().startsWith("closed"));
    assertEquals("polling", f.session(sid).transportName());
    f.session(sid).send("polling");
    assertEquals("4polling", await(f.client.poll(sid)).text());
    f.events.assertExhausted();
  }
}

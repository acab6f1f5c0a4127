package dev.vertio.transport.websocket;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.parser.EngineCodec;
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
    if (f != null) {
      f.close();
    }
  }

  private String openPolling() {
    JsonObject open = await(f.client.pollingHandshake());
    assertEquals(List.of("websocket"), open.getJsonArray("upgrades").getList());
    f.events.expect("open polling");
    return open.getString("sid");
  }

  private static List<String> messages(String payload) {
    List<String> out = new ArrayList<>();
    for (String record : payload.split(String.valueOf(EngineCodec.RECORD_SEPARATOR))) {
      if (record.startsWith("4")) {
        out.add(record.substring(1));
      }
    }
    return out;
  }

  @Test
  void probeDanceMovesTheSessionToWebSocket() {
    f = new EngineFixture(new EngineOptions());
    String sid = openPolling();
    EngineSession session = f.session(sid);
    Future<Reply> pending = f.client.poll(sid);
    f.awaitPollPending(sid);
    Peer ws = new Peer(await(f.client.upgrade(sid)));
    ws.ws.writeTextMessage("2probe");
    ws.frames.expect("3probe");
    assertEquals("6", await(pending).text());
    ws.ws.writeTextMessage("5");
    f.events.expect("upgrade");
    assertEquals("websocket", session.transportName());
    session.send("over ws");
    ws.frames.expect("4over ws");
    ws.ws.writeTextMessage("4from client");
    f.events.expect("text from client");
    Reply poll = await(f.client.poll(sid));
    assertEquals(400, poll.status());
    assertEquals(3, poll.json().getInteger("code"));
    assertEquals(400, await(f.client.send(sid, "4x")).status());
    f.events.assertExhausted();
  }

  @Test
  void messagesSentWhileUpgradingArriveOnceAndInOrder() {
    f = new EngineFixture(new EngineOptions());
    String sid = openPolling();
    EngineSession session = f.session(sid);
    int total = 400;
    AtomicInteger next = new AtomicInteger();
    long timer = f.vertx.setPeriodic(1, t -> {
      for (int k = 0; k < 3 && next.get() < total; k++) {
        session.send("m" + next.getAndIncrement());
      }
    });
    List<String> received = new ArrayList<>();
    received.addAll(messages(await(f.client.poll(sid)).text()));
    Future<Reply> inFlight = f.client.poll(sid);
    Peer ws = new Peer(await(f.client.upgrade(sid)));
    ws.ws.writeTextMessage("2probe");
    ws.frames.expect("3probe");
    // Like engine.io-client: after the probe, finish the poll in flight, then upgrade.
    received.addAll(messages(await(inFlight).text()));
    ws.ws.writeTextMessage("5");
    while (received.size() < total) {
      String frame = ws.frames.next();
      if (frame.startsWith("4")) {
        received.add(frame.substring(1));
      } else {
        assertTrue(frame.equals("2") || frame.equals("6"), frame);
      }
    }
    f.vertx.cancelTimer(timer);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      expected.add("m" + i);
    }
    assertEquals(expected, received);
    f.events.expect("upgrade");
  }

  @Test
  void secondWebSocketIsAcceptedThenClosed() {
    f = new EngineFixture(new EngineOptions());
    String sid = openPolling();
    Peer first = new Peer(await(f.client.upgrade(sid)));
    first.ws.writeTextMessage("2probe");
    first.frames.expect("3probe");
    Peer whileUpgrading = new Peer(await(f.client.upgrade(sid)));
    assertTrue(whileUpgrading.frames.next().startsWith("closed"));
    first.ws.writeTextMessage("5");
    f.events.expect("upgrade");
    Peer afterUpgrade = new Peer(await(f.client.upgrade(sid)));
    assertTrue(afterUpgrade.frames.next().startsWith("closed"));
    f.session(sid).send("still fine");
    first.frames.expect("4still fine");
  }

  @Test
  void unfinishedUpgradeTimesOutAndTheSessionKeepsPolling() {
    f = new EngineFixture(new EngineOptions().setUpgradeTimeout(150));
    String sid = openPolling();
    Peer ws = new Peer(await(f.client.upgrade(sid)));
    ws.ws.writeTextMessage("2probe");
    ws.frames.expect("3probe");
    assertTrue(ws.frames.next().startsWith("closed"));
    f.session(sid).send("polling still");
    assertEquals("4polling still", await(f.client.poll(sid)).text());
    assertEquals("polling", f.session(sid).transportName());
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
  }

  @Test
  void upgradesCanBeSwitchedOff() {
    f = new EngineFixture(new EngineOptions().setAllowUpgrades(false));
    JsonObject open = await(f.client.pollingHandshake());
    assertEquals(List.of(), open.getJsonArray("upgrades").getList());
    String sid = open.getString("sid");
    Peer ws = new Peer(await(f.client.upgrade(sid)));
    assertTrue(ws.frames.next().startsWith("closed"));
    assertEquals("polling", f.session(sid).transportName());
  }
}

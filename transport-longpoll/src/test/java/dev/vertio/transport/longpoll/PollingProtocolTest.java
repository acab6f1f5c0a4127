package dev.vertio.transport.longpoll;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.testing.EngineFixture;
import dev.vertio.engineio.testing.RawEngineClient.Reply;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Handshake, messages both ways, payload framing, heartbeat and close over long-polling. */
class PollingProtocolTest {
  private EngineFixture f;

  @AfterEach
  void tearDown() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void handshakeOpensASessionWithTheReferenceFields() {
    f = EngineFixture.polling(new EngineOptions().setPingInterval(300).setPingTimeout(200));
    Reply reply = await(f.client.get("EIO=4&transport=polling"));
    assertEquals(200, reply.status());
    assertEquals("text/plain; charset=UTF-8", reply.headers().get("Content-Type"));
    assertTrue(reply.text().startsWith("0{\"sid\":\""), reply.text());
    JsonObject open = new JsonObject(reply.text().substring(1));
    assertEquals(new JsonArray(), open.getJsonArray("upgrades"));
    assertEquals(300, open.getInteger("pingInterval"));
    assertEquals(200, open.getInteger("pingTimeout"));
    assertEquals(1_000_000, open.getInteger("maxPayload"));
    assertTrue(open.getString("sid").matches("[A-Za-z0-9_-]{20}"), open.getString("sid"));
    assertEquals(5, open.size());
    f.events.expect("open polling");
    String other = await(f.client.pollingHandshake()).getString("sid");
    assertNotEquals(open.getString("sid"), other);
  }

  @Test
  void severalPacketsInOneBodyArriveInOrder() {
    f = EngineFixture.polling();
    String sid = f.open();
    Reply reply = await(f.client.send(sid, "4hello\u001e4world\u001ebAQID"));
    assertEquals(200, reply.status());
    assertEquals("ok", reply.text());
    f.events.expect("text hello");
    f.events.expect("text world");
    f.events.expect("binary 1,2,3");
    f.events.assertExhausted();
  }

  @Test
  void serverMessagesOfOneTurnComeInOnePollJoinedByRecordSeparator() {
    f = EngineFixture.polling();
    String sid = f.open();
    f.session(sid)
        .context()
        .runOnContext(
            v -> {
              f.session(sid).send("a");
              f.session(sid).send(Buffer.buffer(new byte[] {1, 2, 3}));
              f.session(sid).send("é€");
            });
    Reply reply = await(f.client.poll(sid));
    assertEquals("4a\u001ebAQID\u001e4é€", reply.text());
  }

  @Test
  void pendingPollIsAnsweredAsSoonAsTheServerSends() {
    f = EngineFixture.polling();
    String sid = f.open();
    Future<Reply> poll = f.client.poll(sid);
    f.session(sid).send("late");
    assertEquals("4late", await(poll).text());
  }

  @Test
  void pingIsAnsweredByPongAndKeepsTheSessionAlive() {
    f = EngineFixture.polling(new EngineOptions().setPingInterval(100).setPingTimeout(300));
    String sid = f.open();
    for (int i = 0; i < 3; i++) {
      assertEquals("2", await(f.client.poll(sid)).text());
      assertEquals("ok", await(f.client.send(sid, "3")).text());
    }
    f.events.assertExhausted();
    assertTrue(!f.session(sid).isClosed());
  }

  @Test
  void pingTimeoutClosesSession() {
    f = EngineFixture.polling(new EngineOptions().setPingInterval(100).setPingTimeout(100));
    String sid = f.open();
    assertEquals("2", await(f.client.poll(sid)).text());
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.PING_TIMEOUT));
    Reply after = await(f.client.poll(sid));
    assertEquals(400, after.status());
    assertEquals(1, after.json().getInteger("code"));
    assertEquals(0, f.engine.sessionCount());
  }

  @Test
  void forcedCloseSendsCloseToThePendingPoll() {
    f = EngineFixture.polling();
    String sid = f.open();
    Future<Reply> poll = f.client.poll(sid);
    f.session(sid).send("last");
    assertEquals("4last", await(poll).text());
    Future<Reply> poll2 = f.client.poll(sid);
    f.awaitPollPending(sid);
    await(f.session(sid).close());
    assertEquals("1", await(poll2).text());
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.FORCED_CLOSE));
    assertEquals(0, f.engine.sessionCount());
  }

  @Test
  void forcedCloseWithoutPendingPollWaitsForTheNextOne() {
    f = EngineFixture.polling();
    String sid = f.open();
    f.session(sid).send("bye");
    Future<Void> closed = f.session(sid).close();
    // Reference polling close: what was buffered first, the close packet alone in the next poll
    // (in one payload the official client would see the close before the message's effects).
    assertEquals("4bye", await(f.client.poll(sid)).text());
    assertFalse(closed.isComplete());
    assertEquals("1", await(f.client.poll(sid)).text());
    await(closed);
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.FORCED_CLOSE));
  }

  @Test
  void closePacketFromClientEndsPendingPollWithNoop() {
    f = EngineFixture.polling();
    String sid = f.open();
    Future<Reply> poll = f.client.poll(sid);
    f.awaitPollPending(sid);
    assertEquals("ok", await(f.client.send(sid, "1")).text());
    assertEquals("6", await(poll).text());
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_CLOSE));
    assertEquals(400, await(f.client.poll(sid)).status());
  }

  @Test
  void invalidPayloadClosesTheSessionWithParseError() {
    f = EngineFixture.polling();
    String sid = f.open();
    Reply reply = await(f.client.send(sid, "4ok\u001e9bad"));
    assertEquals(400, reply.status());
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.PARSE_ERROR));
    assertEquals(400, await(f.client.poll(sid)).status());
  }

  @Test
  void serverCloseShutsEverySessionAndFreesThePort() {
    f = EngineFixture.polling();
    String sid = f.open();
    Future<Reply> poll = f.client.poll(sid);
    f.awaitPollPending(sid);
    await(f.engine.close());
    assertEquals("1", await(poll).text());
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.SERVER_SHUTTING_DOWN));
    // The port is free again: a new server can bind it.
    int port = f.server.actualPort();
    io.vertx.core.http.HttpServer again =
        await(
            f.vertx
                .createHttpServer()
                .requestHandler(r -> r.response().end())
                .listen(port, "127.0.0.1"));
    assertEquals(port, again.actualPort());
  }
}

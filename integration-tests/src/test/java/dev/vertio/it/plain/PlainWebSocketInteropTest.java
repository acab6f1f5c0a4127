package dev.vertio.it.plain;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.SocketIoClient;
import dev.vertio.engineio.testing.JdkWebSocket;
import dev.vertio.engineio.testing.Recorder;
import dev.vertio.it.NodeScript;
import dev.vertio.socketio.SocketIoOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Plain WebSocket clients and Socket.IO clients in the same room, both ways: Java's {@code
 * java.net.http.WebSocket} with our Java Socket.IO client, and npm {@code ws} with npm {@code
 * socket.io-client} (src/test/js/plain-ws-client.mjs).
 */
class PlainWebSocketInteropTest {
  private PlainChatServer server = new PlainChatServer();
  private SocketIoClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      await(client.close());
    }
    server.close();
  }

  @Test
  void npmWsNegotiatesPerMessageDeflateWhenTheServerHasItOn() {
    server.close();
    server =
        new PlainChatServer((SocketIoOptions) new SocketIoOptions().setPerMessageDeflate(true));
    NodeScript.Result r =
        NodeScript.run(
            Map.of("PAD", "20000"), "plain-ws-client.mjs", server.httpUrl(), server.wsUrl(""));
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(
        r.first("ws-open").getString("extensions").contains("permessage-deflate"), r.toString());
    assertTrue(
        r.first("sio-said").getJsonObject("data").getString("text").endsWith("x".repeat(20000)));
    assertEquals("hello from sio", r.first("ws-said").getJsonObject("data").getString("text"));
  }

  @Test
  void javaWebSocketAndJavaSocketIoClientShareARoomBothWays() {
    JdkWebSocket plain = JdkWebSocket.connect(server.wsUrl("?token=abc&room=r1"));
    assertEquals("connect", plain.nextJson().getString("event"));

    client = SocketIoClient.create();
    ClientSocket sio =
        client.socket(
            server.httpUrl(),
            new ClientOptions()
                .setAuth(Map.of("token", "abc", "room", "r1"))
                .setForceNew(true)
                .setTransports(List.of("websocket")));
    Recorder<String> seen = new Recorder<>();
    sio.on("said", (args, ack) -> seen.record("said " + args.getJsonObject(0).encode()));
    sio.on("news", (args, ack) -> seen.record("news " + args.getString(0)));
    sio.on("vote", (args, ack) -> ack.send("socket.io"));
    sio.on("votes", (args, ack) -> seen.record("votes " + args.getJsonArray(0).encode()));
    await(sio.connect());

    // plain to Socket.IO
    plain.send("{\"event\":\"say\",\"data\":\"hello from plain\"}");
    seen.expect("said {\"from\":\"plain\",\"text\":\"hello from plain\"}");
    // Socket.IO to plain
    sio.emit("say", "hello from socket.io");
    assertEquals(
        new JsonObject()
            .put("event", "said")
            .put(
                "data",
                new JsonObject().put("from", "socket.io").put("text", "hello from socket.io")),
        plain.nextJson());
    // the client's ack
    plain.send("{\"event\":\"ask\",\"data\":\"x\",\"ack\":1}");
    assertEquals(new JsonObject().put("ack", 1).put("data", "answer:x"), plain.nextJson());
    // the server's ack
    plain.send("{\"event\":\"ask-client\"}");
    JsonObject question = plain.nextJson();
    assertEquals("question", question.getString("event"));
    plain.send(new JsonObject().put("ack", question.getLong("ack")).put("data", "yes"));
    assertEquals(
        new JsonObject().put("event", "client-answered").put("data", "yes"), plain.nextJson());
    // a broadcast with acknowledgements answered by both kinds of client
    sio.emit("poll");
    JsonObject vote = plain.nextJson();
    assertEquals("vote", vote.getString("event"));
    plain.send(new JsonObject().put("ack", vote.getLong("ack")).put("data", "plain"));
    seen.expect("votes " + new JsonArray().add("plain").add("socket.io").encode());
    // the server's broadcast to the room
    await(server.io.to("r1").emit("news", "for both"));
    assertEquals("for both", plain.nextJson().getString("data"));
    seen.expect("news for both");
    seen.assertExhausted();
  }

  @Test
  void middlewareRefusesAPlainClientWithAReason() {
    JdkWebSocket refused = JdkWebSocket.connect(server.wsUrl("?token=nope"));
    JsonObject error = refused.nextJson();
    assertEquals("connect_error", error.getString("event"));
    assertEquals("bad token", error.getJsonObject("data").getString("message"));
    assertEquals("close:1008:bad token", refused.next());
  }

  @Test
  void npmWsAndNpmSocketIoClientShareARoomBothWays() {
    NodeScript.Result r = NodeScript.run("plain-ws-client.mjs", server.httpUrl(), server.wsUrl(""));
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("hello from ws ", r.first("sio-said").getJsonObject("data").getString("text"));
    assertEquals("plain", r.first("sio-said").getJsonObject("data").getString("from"));
    assertEquals("hello from sio", r.first("ws-said").getJsonObject("data").getString("text"));
    assertEquals("answer:x", r.first("ws-ack").getString("data"));
    assertEquals("yes", r.first("ws-client-answered").getString("data"));
    assertEquals(
        new JsonArray().add("plain").add("socket.io"), r.first("sio-votes").getJsonArray("data"));
    assertEquals("invalid_json", r.first("ws-error").getString("error"));
    assertEquals(1008, r.first("refused-close").getInteger("code"));
    assertEquals("bad token", r.first("refused-close").getString("reason"));
    assertEquals("vertio.json", r.first("ws-open").getString("protocol"));
  }
}

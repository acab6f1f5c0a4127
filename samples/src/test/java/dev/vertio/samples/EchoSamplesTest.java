package dev.vertio.samples;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.testing.RawEngineClient;
import dev.vertio.engineio.testing.Recorder;
import dev.vertio.samples.echo.EngineEchoServer;
import dev.vertio.samples.echo.SocketIoEchoServer;
import dev.vertio.socketio.SocketIoOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The echo samples start from their command lines and echo as documented. */
class EchoSamplesTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  @Test
  void engineEchoTakesItsOptionsFromTheCommandLine() {
    EngineOptions options =
        EngineEchoServer.options(
            new CommandLine(
                "engine-echo",
                new String[] {
                  "--ping-interval",
                  "300",
                  "--ping-timeout",
                  "200",
                  "--max-http-buffer-size",
                  "5000",
                  "--cors-origin",
                  "*",
                  "--transports",
                  "polling"
                },
                EngineEchoServer.FLAGS));
    assertEquals("/engine.io/", options.getPath());
    int port = await(EngineEchoServer.start(vertx, options, 0)).actualPort();
    RawEngineClient client = new RawEngineClient(vertx, port, "/engine.io/");
    JsonObject open = await(client.pollingHandshake());
    assertEquals(300, open.getInteger("pingInterval"));
    assertEquals(200, open.getInteger("pingTimeout"));
    assertEquals(5000, open.getInteger("maxPayload"));
    String sid = open.getString("sid");
    assertEquals("ok", await(client.send(sid, "4text\u001ebAQID")).text());
    assertEquals("4text\u001ebAQID", await(client.poll(sid)).text());
  }

  @Test
  void allowEio3FlagAcceptsSocketIoV2Clients() {
    assertEquals(
        false,
        SocketIoEchoServer.options(new CommandLine("echo", new String[0], SocketIoEchoServer.FLAGS))
            .isAllowEIO3());
    SocketIoOptions options =
        SocketIoEchoServer.options(
            new CommandLine("echo", new String[] {"--allow-eio3"}, SocketIoEchoServer.FLAGS));
    assertEquals(true, options.isAllowEIO3());
    int port = await(SocketIoEchoServer.start(vertx, options, 0)).actualPort();
    RawEngineClient client = new RawEngineClient(vertx, port, "/socket.io/");
    String body = await(client.get("EIO=3&transport=polling")).text();
    // Revision 3: a length-prefixed open packet, then the main namespace joined at once ("40").
    assertEquals(true, body.matches("\\d+:0\\{.*\"sid\".*") && body.contains("}2:40"), body);
  }

  @Test
  void socketIoEchoGreetsAndEchoesEventsAndAcks() {
    SocketIoOptions options =
        SocketIoEchoServer.options(
            new CommandLine(
                "echo",
                new String[] {
                  "--ping-interval", "300", "--ping-timeout", "200", "--connect-timeout", "1000"
                },
                SocketIoEchoServer.FLAGS));
    int port = await(SocketIoEchoServer.start(vertx, options, 0)).actualPort();
    RawEngineClient client = new RawEngineClient(vertx, port, "/socket.io/");
    var ws = await(client.websocket());
    Recorder<String> frames = new Recorder<>();
    ws.textMessageHandler(frames::record);
    ws.binaryMessageHandler(b -> frames.record("bin " + b.length()));
    ws.resume();
    frames.next();
    ws.writeTextMessage("40{\"token\":\"123\"}");
    String connect = frames.next();
    assertEquals("40{\"sid\":", connect.substring(0, 9));
    frames.expect("42[\"auth\",{\"token\":\"123\"}]");
    ws.writeTextMessage("42[\"message\",1,\"2\",{\"3\":[true]}]");
    frames.expect("42[\"message-back\",1,\"2\",{\"3\":[true]}]");
    ws.writeTextMessage("42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
    frames.expect("43456[1,\"2\",{\"3\":[false]}]");
    ws.writeTextMessage(
        "452-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},"
            + "{\"_placeholder\":true,\"num\":1}]");
    ws.writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3}));
    ws.writeBinaryMessage(Buffer.buffer(new byte[] {4, 5, 6}));
    frames.expect("462-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
    frames.expect("bin 3");
    frames.expect("bin 3");
    ws.writeTextMessage("40/random");
    frames.expect("44/random,{\"message\":\"Invalid namespace\"}");
  }
}

package dev.vertio.it.endurance;

import static dev.vertio.engineio.testing.Await.await;
import static dev.vertio.it.endurance.ServerState.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.RawEngineClient;
import dev.vertio.engineio.testing.RawEngineClient.Reply;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that vanish without closing their TCP connection (no FIN): a WebSocket that stops
 * answering pings, one that goes completely silent, a poller that disappears with a GET pending,
 * and the official Node client over each transport frozen with SIGSTOP. The server closes each at
 * its ping timeout ({@code ping timeout}), frees the session and its socket, and answers the
 * pending poll with a close packet.
 */
class VanishingPeerTest {
  private static final int PING_INTERVAL = 300;
  private static final int PING_TIMEOUT = 300;

  private final Vertx serverVertx = Vertx.vertx();
  private final Vertx clientVertx = Vertx.vertx();
  private final Map<String, Promise<String>> closes = new ConcurrentHashMap<>();
  private final List<Process> processes = new ArrayList<>();
  private SocketIoServer io;
  private int port;

  @AfterEach
  void tearDown() throws InterruptedException {
    for (Process p : processes) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    await(clientVertx.close(), 30);
    await(serverVertx.close(), 30);
  }

  private Future<String> closed(String sid) {
    return closes.computeIfAbsent(sid, k -> Promise.promise()).future();
  }

  @Test
  void vanishedPeersAreClosedAtTheirPingTimeoutAndCleanedUp() throws Exception {
    io =
        SocketIoServer.create(
            serverVertx,
            new SocketIoOptions().setPingInterval(PING_INTERVAL).setPingTimeout(PING_TIMEOUT));
    io.onConnection(
        s -> {
          String sid = s.conn().id();
          s.join("room");
          s.onDisconnect(
              reason -> closes.computeIfAbsent(sid, k -> Promise.promise()).tryComplete(reason));
        });
    port = await(io.listen(0, "127.0.0.1")).actualPort();
    RawEngineClient raw = new RawEngineClient(clientVertx, port, "/socket.io/");

    // A WebSocket that reads but stops answering pings.
    WebSocket deaf = await(raw.websocket());
    Promise<String> deafSid = Promise.promise();
    Promise<Void> deafClosed = Promise.promise();
    deaf.textMessageHandler(
        text -> {
          if (text.startsWith("0{")) {
            deafSid.complete(new JsonObject(text.substring(1)).getString("sid"));
            deaf.writeTextMessage("40");
          }
        });
    deaf.closeHandler(v -> deafClosed.complete());
    deaf.resume();

    // A WebSocket that goes completely silent: no read, no write, the connection left open.
    BlockingWebSocket silent =
        new BlockingWebSocket(port, "/socket.io/?EIO=4&transport=websocket", 0);
    String silentSid = new JsonObject(silent.readText().substring(1)).getString("sid");
    silent.sendText("40");

    // A poller that vanishes mid-poll: it gets the ping, polls again, never sends the pong.
    String pollerSid = await(raw.pollingHandshake()).getString("sid");
    await(raw.send(pollerSid, "40"));
    assertTrue(await(raw.poll(pollerSid)).text().startsWith("40{"));
    assertEquals("2", await(raw.poll(pollerSid)).text());
    Future<Reply> pendingPoll = raw.poll(pollerSid);

    // The official client, frozen: its TCP connections stay open, nothing answers.
    String nodeWs = frozenNodeClient("websocket");
    String nodePolling = frozenNodeClient("polling");

    List<String> sids = List.of(await(deafSid.future()), silentSid, pollerSid, nodeWs, nodePolling);
    for (String sid : sids) {
      assertEquals("ping timeout", await(closed(sid), 10), sid);
    }
    Reply answer = await(pendingPoll);
    assertEquals(200, answer.status());
    assertEquals("1", answer.text(), "the pending poll ends with a close packet");
    assertEquals(400, await(raw.poll(pollerSid)).status(), "the session is gone");
    await(deafClosed.future());
    // The silent one's connection ends too (after the ping and the close frame it never read).
    silent.drainUntilClosed(20_000);
    silent.close();

    eventually(
        10,
        () -> ServerState.of(io, serverVertx).empty(),
        () -> "not cleaned up: " + ServerState.of(io, serverVertx));
  }

  /**
   * Starts the official client over a transport, waits until it connected, then stops the process
   * (SIGSTOP): the kernel keeps its connections open, the client answers nothing.
   *
   * @return its Engine.IO session id
   */
  private String frozenNodeClient(String transport) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "node",
                Path.of("src", "test", "js", "vanishing-client.mjs").toString(),
                "http://127.0.0.1:" + port,
                transport)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    processes.add(p);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertTrue(line != null && line.startsWith("{\"event\":\"connect\""), "node: " + line);
    JsonObject connect = new JsonObject(line);
    assertEquals(transport, connect.getString("transport"));
    Process stop = new ProcessBuilder("kill", "-STOP", String.valueOf(p.pid())).start();
    assertTrue(stop.waitFor(10, TimeUnit.SECONDS) && stop.exitValue() == 0, "kill -STOP");
    return connect.getString("sid");
  }
}

package dev.vertio.it.plain;

import static dev.vertio.engineio.testing.Await.await;

import dev.vertio.socketio.ConnectionRefusedException;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A server where Socket.IO clients and plain WebSocket clients ({@code /ws}) meet in rooms: the
 * token must be {@code abc}, the room comes with the auth payload ({@code ?room=} for plain
 * clients). Events: {@code say} (to the room's others as {@code said}), {@code ask} (answered by
 * ack), {@code ask-client} (the server asks back with an ack, then tells {@code client-answered}),
 * {@code poll} (a broadcast with acks to the whole room, whose answers come back to the asker as
 * {@code votes}).
 */
final class PlainChatServer implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final SocketIoServer io;
  final int port;

  PlainChatServer() {
    this(new SocketIoOptions());
  }

  PlainChatServer(SocketIoOptions options) {
    io = SocketIoServer.create(vertx, options);
    io.plain("/ws");
    io.use(
        socket ->
            "abc".equals(socket.handshake().auth().getString("token"))
                ? Future.succeededFuture()
                : Future.failedFuture(new ConnectionRefusedException("bad token")));
    io.onConnection(this::onConnection);
    port = await(io.listen(0, "127.0.0.1")).actualPort();
  }

  private void onConnection(Socket socket) {
    String room = socket.handshake().auth().getString("room", "lobby");
    String kind = socket.conn().transportName().equals("websocket-plain") ? "plain" : "socket.io";
    socket.join(room);
    socket.on(
        "say",
        (args, ack) ->
            socket
                .to(room)
                .emit("said", new JsonObject().put("from", kind).put("text", args.getValue(0))));
    socket.on("ask", (args, ack) -> ack.send("answer:" + args.getValue(0)));
    socket.on(
        "ask-client",
        (args, ack) ->
            socket
                .emitWithAck("question", "q?")
                .onSuccess(a -> socket.emit("client-answered", a.getValue(0))));
    socket.on(
        "poll",
        (args, ack) ->
            io.to(room)
                .timeout(Duration.ofSeconds(5))
                .emitWithAck("vote")
                .onSuccess(
                    answers -> {
                      List<String> votes = new ArrayList<>();
                      for (JsonArray a : answers) {
                        votes.add(String.valueOf(a.getValue(0)));
                      }
                      Collections.sort(votes);
                      socket.emit("votes", new JsonArray(new ArrayList<>(votes)));
                    }));
  }

  String wsUrl(String query) {
    return "ws://127.0.0.1:" + port + "/ws" + query;
  }

  String httpUrl() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    await(vertx.close());
  }
}

package dev.vertio.samples.chat;

import dev.vertio.socketio.Ack;
import dev.vertio.socketio.Namespace;
import dev.vertio.socketio.RemoteSocket;
import dev.vertio.socketio.Socket;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chat protocol on the {@code /chat} namespace. Client events, each answered through its
 * acknowledgement with {@code {"error": "..."}} when refused:
 *
 * <ul>
 *   <li>{@code join(room) -> {room, history, members}}, {@code leave(room) -> {room}}
 *   <li>{@code message({room, text}) -> {id, ts}}: broadcast to the room as {@code message}
 *   <li>{@code image({room, name, type, data: <binary>}) -> {id, ts}}: broadcast as {@code message}
 *       with an {@code image} field
 *   <li>{@code typing({room, typing})}: relayed to the room as a volatile {@code typing}
 * </ul>
 *
 * Server events: {@code ready {nickname, recovered, rooms, joined}} once a socket is connected
 * (after any missed events were replayed), {@code members {room, members}}, {@code rooms} when the
 * list of rooms changes.
 */
final class ChatHandlers {
  static final int MAX_TEXT = 2000;

  private final Namespace chat;
  private final ChatRooms rooms;
  private final int maxImageBytes;
  private final AtomicLong ids = new AtomicLong();

  /**
   * Makes message ids unique across the nodes of a cluster (pages drop a message whose id they have
   * already shown): a random prefix per server, then a counter.
   */
  private final String idPrefix =
      Long.toString(new java.security.SecureRandom().nextLong() >>> 1, 36) + "-";

  ChatHandlers(Namespace chat, ChatRooms rooms, int maxImageBytes) {
    this.chat = chat;
    this.rooms = rooms;
    this.maxImageBytes = maxImageBytes;
  }

  void bind(Socket socket) {
    String nickname = socket.data().getString("nickname");
    socket.on("join", (args, ack) -> join(socket, first(args), ack));
    socket.on("leave", (args, ack) -> leave(socket, first(args), ack));
    socket.on("message", (args, ack) -> message(socket, nickname, first(args), ack));
    socket.on("image", (args, ack) -> image(socket, nickname, first(args), ack));
    socket.on("typing", (args, ack) -> typing(socket, nickname, first(args)));
    Set<String> left = new TreeSet<>();
    socket.onDisconnecting(reason -> left.addAll(joinedRooms(socket)));
    socket.onDisconnect(reason -> left.forEach(this::publishMembers));
    JsonArray joined = new JsonArray(List.copyOf(joinedRooms(socket)));
    joined.forEach(room -> publishMembers((String) room));
    socket.emit(
        "ready",
        new JsonObject()
            .put("nickname", nickname)
            .put("recovered", socket.recovered())
            .put("rooms", new JsonArray(rooms.names()))
            .put("joined", joined));
  }

  private Set<String> joinedRooms(Socket socket) {
    Set<String> joined = new TreeSet<>(socket.rooms());
    joined.remove(socket.id());
    return joined;
  }

  private void join(Socket socket, Object value, Ack ack) {
    if (!(value instanceof String) || !ChatRooms.NAME.matcher((String) value).matches()) {
      fail(ack, "room names are 1 to 24 lower-case letters, digits or '-'");
      return;
    }
    String room = (String) value;
    int before = rooms.size();
    RoomHistory history = rooms.room(room);
    if (rooms.size() != before) {
      chat.emit("rooms", new JsonArray(rooms.names()));
    }
    socket
        .join(room)
        .compose(v -> chat.in(room).fetchSockets())
        .onSuccess(
            sockets -> {
              JsonArray members = members(sockets);
              chat.to(room)
                  .except(socket.id())
                  .emit("members", new JsonObject().put("room", room).put("members", members));
              ack.send(
                  new JsonObject()
                      .put("room", room)
                      .put("history", history.snapshot())
                      .put("members", members));
            })
        .onFailure(err -> fail(ack, err.getMessage()));
  }

  private void leave(Socket socket, Object value, Ack ack) {
    if (!(value instanceof String)
        || !socket.rooms().contains(value)
        || socket.id().equals(value)) {
      fail(ack, "not in that room");
      return;
    }
    String room = (String) value;
    socket
        .leave(room)
        .onComplete(
            ar -> {
              publishMembers(room);
              ack.send(new JsonObject().put("room", room));
            });
  }

  private void message(Socket socket, String nickname, Object value, Ack ack) {
    JsonObject in = value instanceof JsonObject ? (JsonObject) value : null;
    String room = inRoom(socket, in, ack);
    if (room == null) {
      return;
    }
    Object text = in.getValue("text");
    if (!(text instanceof String)
        || ((String) text).isBlank()
        || ((String) text).length() > MAX_TEXT) {
      fail(ack, "text must be 1 to " + MAX_TEXT + " characters");
      return;
    }
    JsonObject message = newMessage(room, nickname).put("text", text);
    publish(socket, room, message, ((String) text).length() * 2L + 100, ack);
  }

  private void image(Socket socket, String nickname, Object value, Ack ack) {
    JsonObject in = value instanceof JsonObject ? (JsonObject) value : null;
    String room = inRoom(socket, in, ack);
    if (room == null) {
      return;
    }
    Object data = in.getMap().get("data"); // getValue would turn binary into base64 text
    Object type = in.getValue("type");
    Object name = in.getValue("name");
    if (!(data instanceof Buffer) || ((Buffer) data).length() == 0) {
      fail(ack, "data must be binary");
    } else if (((Buffer) data).length() > maxImageBytes) {
      fail(ack, "images are limited to " + maxImageBytes + " bytes");
    } else if (!(type instanceof String) || !((String) type).matches("^image/[a-z0-9.+-]{1,40}$")) {
      fail(ack, "type must be an image MIME type");
    } else {
      String fileName = name instanceof String ? truncate((String) name, 100) : "image";
      JsonObject message =
          newMessage(room, nickname)
              .put(
                  "image",
                  new JsonObject().put("name", fileName).put("type", type).put("data", data));
      publish(socket, room, message, ((Buffer) data).length() + 200L, ack);
    }
  }

  private void typing(Socket socket, String nickname, Object value) {
    JsonObject in = value instanceof JsonObject ? (JsonObject) value : null;
    Object room = in == null ? null : in.getValue("room");
    if (room instanceof String && !socket.id().equals(room) && socket.rooms().contains(room)) {
      socket
          .to((String) room)
          .volatile_()
          .emit(
              "typing",
              new JsonObject()
                  .put("room", room)
                  .put("nickname", nickname)
                  .put("typing", Boolean.TRUE.equals(in.getValue("typing"))));
    }
  }

  private String inRoom(Socket socket, JsonObject in, Ack ack) {
    Object room = in == null ? null : in.getValue("room");
    if (!(room instanceof String) || socket.id().equals(room) || !socket.rooms().contains(room)) {
      fail(ack, "join the room first");
      return null;
    }
    return (String) room;
  }

  private JsonObject newMessage(String room, String nickname) {
    return new JsonObject()
        .put("id", idPrefix + Long.toString(ids.incrementAndGet(), 36))
        .put("room", room)
        .put("from", nickname)
        .put("ts", System.currentTimeMillis());
  }

  private void publish(Socket socket, String room, JsonObject message, long size, Ack ack) {
    rooms.room(room).add(message, size);
    socket.to(room).emit("message", message);
    ack.send(new JsonObject().put("id", message.getString("id")).put("ts", message.getLong("ts")));
  }

  private void publishMembers(String room) {
    chat.in(room)
        .fetchSockets()
        .onSuccess(
            sockets ->
                chat.to(room)
                    .emit(
                        "members",
                        new JsonObject().put("room", room).put("members", members(sockets))));
  }

  private static JsonArray members(List<RemoteSocket> sockets) {
    Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    sockets.forEach(s -> names.add(s.data().getString("nickname", "?")));
    return new JsonArray(List.copyOf(names));
  }

  private static Object first(JsonArray args) {
    return args.isEmpty() ? null : args.getValue(0);
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private static void fail(Ack ack, String error) {
    ack.send(new JsonObject().put("error", error));
  }
}

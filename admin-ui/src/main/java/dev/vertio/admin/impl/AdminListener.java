package dev.vertio.admin.impl;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineSession;
import dev.vertio.socketio.Namespace;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketIoListener;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the server's listener events into what the UI receives: counts for {@code aggregatedEvents}
 * always, and in development mode the reference's {@code registerVerboseListeners} events ({@code
 * socket_connected}, {@code socket_updated}, {@code socket_disconnected}, {@code room_joined},
 * {@code room_left}, {@code event_received}, {@code event_sent}). The admin namespace's own events
 * are neither counted nor reported, so what the UI receives never feeds itself. Every map here
 * holds live sessions only.
 */
final class AdminListener implements SocketIoListener {
  private final Namespace admin;
  private final boolean development;
  private final EventBuffer buffer = new EventBuffer();

  /** Ids of the sessions still polling (the reference's {@code _pollingClientsCount}). */
  private final Set<String> polling = ConcurrentHashMap.newKeySet();

  /** Development mode: the sockets of each live session, to report their transport's upgrade. */
  private final Map<EngineSession, Set<Socket>> socketsBySession = new ConcurrentHashMap<>();

  AdminListener(Namespace admin, boolean development) {
    this.admin = admin;
    this.development = development;
  }

  EventBuffer buffer() {
    return buffer;
  }

  int pollingCount() {
    return polling.size();
  }

  private boolean isAdmin(Namespace namespace) {
    return namespace == admin || namespace.name().equals(admin.name());
  }

  @Override
  public void sessionOpened(EngineSession session) {
    buffer.push("rawConnection", null, 1);
    if ("polling".equals(session.transportName())) {
      polling.add(session.id());
    }
  }

  @Override
  public void sessionUpgraded(EngineSession session) {
    polling.remove(session.id());
    Set<Socket> sockets = development ? socketsBySession.get(session) : null;
    if (sockets == null) {
      return;
    }
    String transport = session.transportName();
    for (Socket socket : sockets) {
      admin.emit(
          "socket_updated",
          new JsonObject()
              .put("id", socket.id())
              .put("nsp", socket.namespace().name())
              .put("transport", transport));
    }
  }

  @Override
  public void sessionClosed(EngineSession session, EngineCloseReason reason) {
    polling.remove(session.id());
    socketsBySession.remove(session);
    buffer.push("rawDisconnection", reason.text(), 1);
  }

  @Override
  public void socketConnected(Socket socket) {
    if (!development) {
      return;
    }
    socketsBySession.computeIfAbsent(socket.conn(), s -> ConcurrentHashMap.newKeySet()).add(socket);
    String timestamp = SocketSerializer.now();
    // The listener runs before the socket joins its own room and before the connection
    // handlers; the reference reports the socket from its "connection" handler, in its own room.
    socket
        .context()
        .runOnContext(
            v -> {
              if (socket.connected()) {
                admin.emit("socket_connected", SocketSerializer.serialize(socket), timestamp);
              }
            });
  }

  @Override
  public void socketDisconnected(Socket socket, String reason) {
    if (!development) {
      return;
    }
    Set<Socket> sockets = socketsBySession.get(socket.conn());
    if (sockets != null) {
      sockets.remove(socket);
      if (sockets.isEmpty()) {
        socketsBySession.remove(socket.conn(), sockets);
      }
    }
    admin.emit(
        "socket_disconnected",
        socket.namespace().name(),
        socket.id(),
        reason,
        SocketSerializer.now());
  }

  @Override
  public void roomJoined(Namespace namespace, String socketId, String room) {
    if (development) {
      admin.emit("room_joined", namespace.name(), room, socketId, SocketSerializer.now());
    }
  }

  @Override
  public void roomLeft(Namespace namespace, String socketId, String room) {
    if (development) {
      admin.emit("room_left", namespace.name(), room, socketId, SocketSerializer.now());
    }
  }

  @Override
  public void eventReceived(Socket socket, String event, JsonArray args, int bytes) {
    if (isAdmin(socket.namespace())) {
      return;
    }
    buffer.push("packetsIn", null, 1);
    buffer.push("bytesIn", null, bytes);
    if (development) {
      admin.emit(
          "event_received",
          socket.namespace().name(),
          socket.id(),
          withName(event, args),
          SocketSerializer.now());
    }
  }

  @Override
  public void eventSent(Socket socket, String event, JsonArray args, int bytes) {
    if (isAdmin(socket.namespace())) {
      return;
    }
    buffer.push("packetsOut", null, 1);
    buffer.push("bytesOut", null, bytes);
    if (development) {
      admin.emit(
          "event_sent",
          socket.namespace().name(),
          socket.id(),
          withName(event, args),
          SocketSerializer.now());
    }
  }

  /** The reference sends onAny's arguments: the event name first. */
  private static JsonArray withName(String event, JsonArray args) {
    JsonArray all = new JsonArray().add(event);
    for (int i = 0; i < args.size(); i++) {
      all.add(args.getValue(i));
    }
    return all;
  }
}

package dev.vertio.admin.impl;

import dev.vertio.socketio.BroadcastOperator;
import dev.vertio.socketio.Namespace;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.json.JsonArray;

/**
 * The UI's commands, as the reference's {@code registerFeatureHandlers} (Socket.IO v4 branch):
 * {@code emit(nsp, filter, ev, ...args)}, {@code join(nsp, room, filter?)}, {@code leave(nsp, room,
 * filter?)} and {@code _disconnect(nsp, close, filter?)}, where the filter is a room (a socket's id
 * for one socket). Unlike the reference's {@code io.of(nsp)}, an unknown namespace is ignored
 * rather than created; malformed commands are ignored (logged at debug).
 */
final class Commands {
  private static final System.Logger LOG = System.getLogger(Commands.class.getName());

  private Commands() {}

  /**
   * @return the reference's {@code supportedFeatures} for these options
   */
  static JsonArray features(boolean readonly, boolean development) {
    JsonArray features =
        readonly
            ? new JsonArray()
            : new JsonArray()
                .add("EMIT")
                .add("JOIN")
                .add("LEAVE")
                .add("DISCONNECT")
                .add("MJOIN")
                .add("MLEAVE")
                .add("MDISCONNECT");
    features.add("AGGREGATED_EVENTS");
    if (development) {
      features.add("ALL_EVENTS");
    }
    return features;
  }

  static void register(SocketIoServer io, Socket socket) {
    socket.on(
        "emit",
        (args, ack) -> {
          BroadcastOperator target = target(io, args, 1, "emit");
          if (target == null || !(args.getValue(2) instanceof String event)) {
            return;
          }
          Object[] rest = new Object[Math.max(0, args.size() - 3)];
          for (int i = 0; i < rest.length; i++) {
            rest[i] = args.getValue(i + 3);
          }
          target.emit(event, rest).onFailure(err -> debug("emit: " + err.getMessage()));
        });
    socket.on(
        "join",
        (args, ack) -> {
          BroadcastOperator target = target(io, args, 2, "join");
          if (target != null && args.getValue(1) instanceof String room) {
            target.socketsJoin(room);
          }
        });
    socket.on(
        "leave",
        (args, ack) -> {
          BroadcastOperator target = target(io, args, 2, "leave");
          if (target != null && args.getValue(1) instanceof String room) {
            target.socketsLeave(room);
          }
        });
    socket.on(
        "_disconnect",
        (args, ack) -> {
          BroadcastOperator target = target(io, args, 2, "_disconnect");
          if (target != null) {
            target.disconnectSockets(Boolean.TRUE.equals(args.getValue(1)));
          }
        });
  }

  /**
   * @param args the command's arguments, the namespace first
   * @param filterIndex where the optional room filter is
   * @return the namespace, narrowed to the filter's room when one is given; null when invalid
   */
  private static BroadcastOperator target(
      SocketIoServer io, JsonArray args, int filterIndex, String command) {
    if (args.size() == 0 || !(args.getValue(0) instanceof String nsp)) {
      debug(command + ": no namespace");
      return null;
    }
    Namespace namespace = null;
    for (Namespace ns : io.namespaces()) {
      if (ns.name().equals(nsp)) {
        namespace = ns;
        break;
      }
    }
    if (namespace == null) {
      debug(command + ": unknown namespace " + nsp);
      return null;
    }
    Object filter = args.size() > filterIndex ? args.getValue(filterIndex) : null;
    if (filter instanceof String room && !room.isEmpty()) {
      return namespace.in(room);
    }
    return namespace;
  }

  private static void debug(String message) {
    LOG.log(System.Logger.Level.DEBUG, "Admin UI command " + message);
  }
}

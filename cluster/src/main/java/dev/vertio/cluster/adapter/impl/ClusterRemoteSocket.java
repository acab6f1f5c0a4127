package dev.vertio.cluster.adapter.impl;

import dev.vertio.engineio.HandshakeData;
import dev.vertio.socketio.Namespace;
import dev.vertio.socketio.RemoteSocket;
import dev.vertio.socketio.SocketHandshake;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A socket of another node found by {@code fetchSockets()}: its state when fetched; acting on it
 * goes through the cluster (an emit to its id, a join or leave of the sockets in its own room).
 */
final class ClusterRemoteSocket implements RemoteSocket {
  private final Namespace namespace;
  private final String id;
  private final SocketHandshake handshake;
  private final Set<String> rooms;
  private final JsonObject data;

  private ClusterRemoteSocket(
      Namespace namespace,
      String id,
      SocketHandshake handshake,
      Set<String> rooms,
      JsonObject data) {
    this.namespace = namespace;
    this.id = id;
    this.handshake = handshake;
    this.rooms = rooms;
    this.data = data;
  }

  /**
   * @return sockets as JSON, for the answer to a fetchSockets request
   */
  static String toJson(List<RemoteSocket> sockets) {
    JsonArray out = new JsonArray();
    for (RemoteSocket s : sockets) {
      SocketHandshake h = s.handshake();
      out.add(
          new JsonObject()
              .put("id", s.id())
              .put("rooms", new JsonArray(List.copyOf(s.rooms())))
              .put("data", s.data())
              .put("headers", multi(h.headers()))
              .put("query", multi(h.query()))
              .put("address", h.address())
              .put("url", h.url())
              .put("secure", h.secure())
              .put("issued", h.issued())
              .put("auth", h.auth()));
    }
    return out.encode();
  }

  private static JsonObject multi(MultiMap map) {
    JsonObject o = new JsonObject();
    if (map != null) {
      for (String name : map.names()) {
        o.put(name, new JsonArray(map.getAll(name)));
      }
    }
    return o;
  }

  private static MultiMap multi(JsonObject o) {
    MultiMap map = MultiMap.caseInsensitiveMultiMap();
    if (o != null) {
      for (Map.Entry<String, Object> e : o) {
        if (e.getValue() instanceof JsonArray values) {
          for (Object v : values) {
            map.add(e.getKey(), String.valueOf(v));
          }
        }
      }
    }
    return map;
  }

  /**
   * @param namespace the namespace, to act on the sockets
   * @param json an answer to a fetchSockets request
   * @return its sockets
   */
  static List<RemoteSocket> fromJson(Namespace namespace, String json) {
    JsonArray array = new JsonArray(json);
    List<RemoteSocket> out = new java.util.ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonObject o = array.getJsonObject(i);
      Set<String> rooms = new HashSet<>();
      for (Object r : o.getJsonArray("rooms", new JsonArray())) {
        rooms.add(String.valueOf(r));
      }
      String address = o.getString("address");
      HandshakeData engine =
          HandshakeData.of(
              multi(o.getJsonObject("headers")),
              multi(o.getJsonObject("query")),
              address == null ? null : SocketAddress.inetSocketAddress(0, address),
              o.getString("url"),
              o.getBoolean("secure", false),
              o.getLong("issued", 0L));
      JsonObject auth = o.getJsonObject("auth");
      out.add(
          new ClusterRemoteSocket(
              namespace,
              o.getString("id"),
              new SocketHandshake(engine, auth == null ? new JsonObject() : auth),
              Set.copyOf(rooms),
              o.getJsonObject("data", new JsonObject())));
    }
    return out;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public SocketHandshake handshake() {
    return handshake;
  }

  @Override
  public Set<String> rooms() {
    return rooms;
  }

  @Override
  public JsonObject data() {
    return data;
  }

  @Override
  public Future<Void> emit(String event, Object... args) {
    return namespace.to(id).emit(event, args);
  }

  @Override
  public Future<Void> join(String... rooms) {
    return namespace.in(id).socketsJoin(rooms);
  }

  @Override
  public Future<Void> leave(String room) {
    return namespace.in(id).socketsLeave(room);
  }

  @Override
  public Future<Void> disconnect(boolean close) {
    return namespace.in(id).disconnectSockets(close);
  }

  @Override
  public String toString() {
    return "RemoteSocket{" + id + "}";
  }
}

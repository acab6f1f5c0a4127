package dev.vertio.admin.impl;

import dev.vertio.socketio.Namespace;
import dev.vertio.socketio.RemoteSocket;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketHandshake;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Sockets and dates as the reference's {@code serialize()} and {@code JSON.stringify(new Date())}
 * write them.
 */
final class SocketSerializer {
  /**
   * JavaScript's {@code Date.prototype.toString()}, which the reference's {@code handshake.time}
   * is.
   */
  private static final DateTimeFormatter JS_DATE =
      DateTimeFormatter.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx (zzzz)", Locale.US);

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private SocketSerializer() {}

  /**
   * @return now as a JavaScript {@code Date} becomes in JSON, e.g. {@code 2026-12-02T02:42:02.120Z}
   */
  static String now() {
    return ISO_MILLIS.format(Instant.now());
  }

  /**
   * @param epochMillis a time
   * @return it as {@code String(new Date(epochMillis))} writes it in this JVM's time zone, e.g.
   *     {@code Wed Dec 02 2026 03:16:35 GMT+0000 (Coordinated Universal Time)}
   */
  static String jsDate(long epochMillis) {
    return JS_DATE.format(Instant.ofEpochMilli(epochMillis).atZone(ZoneId.systemDefault()));
  }

  /**
   * @return a connected socket of this node
   */
  static JsonObject serialize(Socket socket) {
    return serialize(
        socket.id(),
        socket.namespace().name(),
        socket.handshake(),
        socket.rooms(),
        socket.data(),
        socket);
  }

  /**
   * @return a fetched socket, with its transport when it is a socket of this node
   */
  static JsonObject serialize(RemoteSocket socket, Namespace namespace) {
    Socket local = namespace.sockets().get(socket.id());
    return serialize(
        socket.id(), namespace.name(), socket.handshake(), socket.rooms(), socket.data(), local);
  }

  private static JsonObject serialize(
      String id, String nsp, SocketHandshake hs, Set<String> rooms, JsonObject data, Socket local) {
    String clientId = null;
    String transport = null;
    if (local != null) {
      String sid = local.conn().id();
      // The reference: socket.client.id.substring(0, 12)
      clientId = sid.length() > 12 ? sid.substring(0, 12) : sid;
      transport = local.conn().transportName();
    }
    JsonObject d = data == null ? new JsonObject() : data.copy();
    d.remove("_admin");
    return new JsonObject()
        .put("id", id)
        .put("clientId", clientId)
        .put("transport", transport)
        .put("nsp", nsp)
        .put("data", d)
        .put("handshake", handshake(hs))
        .put("rooms", rooms(id, rooms));
  }

  /**
   * The reference lists a socket's rooms in joining order, its own room first; a Vertio room set
   * has no order, so: its own room first, then the others by name.
   */
  static JsonArray rooms(String id, Set<String> rooms) {
    JsonArray out = new JsonArray();
    if (rooms.contains(id)) {
      out.add(id);
    }
    rooms.stream().filter(r -> !r.equals(id)).sorted().forEach(out::add);
    return out;
  }

  /**
   * The reference's handshake fields; like it, the {@code auth} payload is left out (it often holds
   * tokens). The address prefers {@code cf-connecting-ip}, then {@code x-forwarded-for}.
   */
  static JsonObject handshake(SocketHandshake hs) {
    MultiMap headers = hs.headers();
    String address = headers.get("cf-connecting-ip");
    if (address == null) {
      address = headers.get("x-forwarded-for");
    }
    if (address == null) {
      address = hs.address();
    }
    return new JsonObject()
        .put("address", address)
        .put("headers", headers(headers))
        .put("query", query(hs.query()))
        .put("issued", hs.issued())
        .put("secure", hs.secure())
        .put("time", jsDate(hs.issued()))
        .put("url", hs.url())
        .put("xdomain", hs.xdomain());
  }

  /** Node's {@code IncomingMessage.headers}: lower-case names, repeated values joined by ", ". */
  static JsonObject headers(MultiMap headers) {
    JsonObject out = new JsonObject();
    for (String name : headers.names()) {
      String key = name.toLowerCase(Locale.ROOT);
      List<String> values = headers.getAll(name);
      if ("set-cookie".equals(key)) {
        out.put(key, new JsonArray(List.copyOf(values)));
      } else if ("cookie".equals(key)) {
        out.put(key, String.join("; ", values));
      } else {
        out.put(key, String.join(", ", values));
      }
    }
    return out;
  }

  /** Node's parsed query: one value as a string, repeated values as an array. */
  static JsonObject query(MultiMap query) {
    JsonObject out = new JsonObject();
    for (String name : query.names()) {
      List<String> values = query.getAll(name);
      out.put(name, values.size() == 1 ? values.get(0) : new JsonArray(List.copyOf(values)));
    }
    return out;
  }
}

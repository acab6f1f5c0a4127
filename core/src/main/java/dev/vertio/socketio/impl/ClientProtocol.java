package dev.vertio.socketio.impl;

import dev.vertio.engineio.EngineSession;
import dev.vertio.socketio.SocketIoProtocol;
import dev.vertio.socketio.parser.SocketPacket;
import dev.vertio.socketio.shared.JsonArgs;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * What differs between the Socket.IO revisions a connection may speak: revision 5 (Socket.IO 3.x
 * and 4.x clients, Engine.IO 4) and revision 4 (Socket.IO 2.x clients, Engine.IO 3, accepted with
 * {@code allowEIO3}). The reference server ({@code socket.io} 4.8) applies the v2 rules wherever
 * {@code conn.protocol === 3}; they are gathered here.
 */
enum ClientProtocol {

  /** Socket.IO revision 5. */
  V5 {
    @Override
    boolean joinsMainNamespaceAtOnce() {
      return false;
    }

    @Override
    String namespace(SocketPacket packet) {
      return packet.namespace();
    }

    @Override
    JsonObject auth(SocketPacket packet) {
      return (JsonObject) packet.data();
    }

    @Override
    boolean recovers() {
      return true;
    }

    @Override
    String socketId(String namespace, EngineSession session, Supplier<String> fresh) {
      // Reference socket.js: a fresh id, not the Engine.IO one, which is sensitive.
      return fresh.get();
    }

    @Override
    Object connectAnswer(String sid, String pid) {
      JsonObject answer = new JsonObject().put("sid", sid);
      if (pid != null) {
        answer.put("pid", pid);
      }
      return answer;
    }

    @Override
    Object connectError(String message, Object data) {
      JsonObject body = new JsonObject().put("message", message);
      if (data != null) {
        body.put("data", JsonArgs.toJson(data));
      }
      return body;
    }
  },

  /** Socket.IO revision 4, for v2 clients. */
  V2 {
    /** Reference index.js {@code onconnection()}: {@code client.connect("/")} at once. */
    @Override
    boolean joinsMainNamespaceAtOnce() {
      return true;
    }

    /**
     * Reference client.js {@code _parseNamespace()}: a v2 CONNECT carries its query in the
     * namespace ({@code 0/chat?token=abc,}); the namespace is the path before it.
     */
    @Override
    String namespace(SocketPacket packet) {
      String nsp = packet.namespace();
      int end = queryStart(nsp);
      return end < 0 ? nsp : nsp.substring(0, end);
    }

    /** The CONNECT's query parameters, decoded, as the auth payload (last one wins). */
    @Override
    JsonObject auth(SocketPacket packet) {
      JsonObject auth = new JsonObject();
      String nsp = packet.namespace();
      int q = nsp.indexOf('?');
      if (q < 0) {
        return auth;
      }
      int hash = nsp.indexOf('#', q);
      String query = nsp.substring(q + 1, hash < 0 ? nsp.length() : hash);
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        auth.put(decode(key), decode(value));
      }
      return auth;
    }

    /** v2 clients have no connection state recovery (no {@code pid} is ever sent to them). */
    @Override
    boolean recovers() {
      return false;
    }

    /** Reference socket.js: the Engine.IO id, prefixed by the namespace outside the main one. */
    @Override
    String socketId(String namespace, EngineSession session, Supplier<String> fresh) {
      return SocketIoProtocol.MAIN_NAMESPACE.equals(namespace)
          ? session.id()
          : namespace + "#" + session.id();
    }

    /** Reference socket.js {@code _onconnect()}: a CONNECT with no payload. */
    @Override
    Object connectAnswer(String sid, String pid) {
      return null;
    }

    /**
     * Reference namespace.js: the v2 ERROR packet carries the error's data, or else its message
     * ({@code err.data || err.message}); the client emits it as {@code error}.
     */
    @Override
    Object connectError(String message, Object data) {
      return data != null ? JsonArgs.toJson(data) : message;
    }
  },

  /**
   * A connection that is not Engine.IO (a plain WebSocket speaking JSON, through {@link
   * dev.vertio.socketio.spi.SocketLink}): revision 5 rules, without connection state recovery, and
   * its events carry no recovery offset.
   */
  PLAIN {
    @Override
    boolean joinsMainNamespaceAtOnce() {
      return false;
    }

    @Override
    String namespace(SocketPacket packet) {
      return packet.namespace();
    }

    @Override
    JsonObject auth(SocketPacket packet) {
      return (JsonObject) packet.data();
    }

    @Override
    boolean recovers() {
      return false;
    }

    @Override
    boolean logsEvents() {
      return false;
    }

    @Override
    String socketId(String namespace, EngineSession session, Supplier<String> fresh) {
      return fresh.get();
    }

    @Override
    Object connectAnswer(String sid, String pid) {
      return V5.connectAnswer(sid, null);
    }

    @Override
    Object connectError(String message, Object data) {
      return V5.connectError(message, data);
    }
  };

  /**
   * @param session an Engine.IO session
   * @return the Socket.IO revision its client speaks
   */
  static ClientProtocol of(EngineSession session) {
    return session.protocol() == 3 ? V2 : V5;
  }

  /**
   * @return true when the main namespace is joined when the connection opens, without CONNECT
   */
  abstract boolean joinsMainNamespaceAtOnce();

  /**
   * @param packet a packet from the client
   * @return the namespace it is for
   */
  abstract String namespace(SocketPacket packet);

  /**
   * @param packet a CONNECT packet from the client
   * @return its auth payload, or null when none
   */
  abstract JsonObject auth(SocketPacket packet);

  /**
   * @return true when sockets may be recovered (connection state recovery)
   */
  abstract boolean recovers();

  /**
   * @return true when the socket's own events are kept in the recovery log with their offset as
   *     last argument (when recovery is on)
   */
  boolean logsEvents() {
    return true;
  }

  /**
   * @param namespace the namespace's name
   * @param session the connection's Engine.IO session
   * @param fresh a source of new ids
   * @return the id of a new socket
   */
  abstract String socketId(String namespace, EngineSession session, Supplier<String> fresh);

  /**
   * @param sid the socket's id
   * @param pid its private session id, or null
   * @return the payload of the CONNECT packet answering the client, or null for none
   */
  abstract Object connectAnswer(String sid, String pid);

  /**
   * @param message the refusal's message
   * @param data the refusal's data, or null
   * @return the payload of the CONNECT_ERROR packet for a refusal by middleware
   */
  abstract Object connectError(String message, Object data);

  private static int queryStart(String nsp) {
    for (int i = 0; i < nsp.length(); i++) {
      char c = nsp.charAt(i);
      if (c == '?' || c == '#') {
        return i;
      }
    }
    return -1;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // A malformed escape is kept as it is, as URLSearchParams does.
      return s;
    }
  }
}

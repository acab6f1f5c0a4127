package dev.vertio.bench.jmh;

import dev.vertio.socketio.parser.SocketPacket;
import dev.vertio.socketio.parser.SocketPacketType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The messages every benchmark sends: a small chat-like event, an acknowledgement and an event
 * carrying a binary attachment. Built fresh on each call so no benchmark shares mutable JSON.
 */
final class Fixtures {
  /** Size of the binary attachment / binary Engine.IO packet. */
  static final int BINARY_SIZE = 1024;

  private Fixtures() {}

  /**
   * @return a small JSON object, about 100 bytes once encoded
   */
  static JsonObject chatMessage() {
    return new JsonObject()
        .put("user", "alice")
        .put("room", "lobby")
        .put("text", "hello, world")
        .put("ts", 1_700_000_000_000L)
        .put("tags", new JsonArray().add("greeting").add("en"));
  }

  /**
   * @return {@code ["chat", {...}]} on the main namespace, no ack id
   */
  static SocketPacket chatEvent() {
    return new SocketPacket(
        SocketPacketType.EVENT,
        dev.vertio.socketio.SocketIoProtocol.MAIN_NAMESPACE,
        SocketPacket.NO_ID,
        new JsonArray().add("chat").add(chatMessage()));
  }

  /**
   * @return the ack of id 42 with {@code [{"ok":true,"id":123}]}
   */
  static SocketPacket ack() {
    return new SocketPacket(
        SocketPacketType.ACK,
        dev.vertio.socketio.SocketIoProtocol.MAIN_NAMESPACE,
        42,
        new JsonArray().add(new JsonObject().put("ok", true).put("id", 123)));
  }

  /**
   * @return {@code ["upload", {"name":..., "data":<binary>}]}, a BINARY_EVENT on the wire
   */
  static SocketPacket binaryEvent() {
    return new SocketPacket(
        SocketPacketType.EVENT,
        dev.vertio.socketio.SocketIoProtocol.MAIN_NAMESPACE,
        SocketPacket.NO_ID,
        new JsonArray()
            .add("upload")
            .add(new JsonObject().put("name", "file.bin").put("data", Buffer.buffer(bytes()))));
  }

  /**
   * @return {@value #BINARY_SIZE} deterministic bytes
   */
  static byte[] bytes() {
    byte[] b = new byte[BINARY_SIZE];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return b;
  }
}

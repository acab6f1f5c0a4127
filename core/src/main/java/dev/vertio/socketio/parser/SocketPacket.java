package dev.vertio.socketio.parser;

import java.util.Objects;

/**
 * One Socket.IO packet. {@code data} is a Vert.x {@code JsonArray} (events, acks), a {@code
 * JsonObject} (connect, connect error), or null; binary values inside it are Vert.x {@code
 * Buffer}s, at any depth.
 *
 * @param type the packet type
 * @param namespace the namespace, {@code "/"} for the main one
 * @param id the acknowledgement id, or {@link #NO_ID}
 * @param data the payload, or null
 */
public record SocketPacket(SocketPacketType type, String namespace, long id, Object data) {
  /** The id of a packet that asks for no acknowledgement. */
  public static final long NO_ID = -1;

  /** Checks the fields. */
  public SocketPacket {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(namespace, "namespace");
  }

  /**
   * @return true when the packet asks for an acknowledgement
   */
  public boolean hasId() {
    return id >= 0;
  }
}

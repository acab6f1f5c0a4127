package dev.vertio.socketio.adapter;

import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.socketio.parser.SocketPacket;
import dev.vertio.socketio.parser.SocketPacketEncoder;
import io.vertx.core.json.JsonArray;
import java.util.List;

/**
 * An event on its way to many sockets, encoded once: its Engine.IO packets (the text packet and any
 * binary attachments) are computed on first use and shared by every recipient.
 */
public final class BroadcastPacket {
  private final SocketPacket packet;
  private final String event;
  private final JsonArray args;
  private final SocketPacketEncoder encoder;
  private volatile List<EnginePacket> encoded;

  /**
   * @param packet the Socket.IO packet (EVENT, with its namespace and optional ack id)
   * @param event the event name
   * @param args the arguments, without the name
   * @param encoder the encoder to use
   */
  public BroadcastPacket(
      SocketPacket packet, String event, JsonArray args, SocketPacketEncoder encoder) {
    this.packet = packet;
    this.event = event;
    this.args = args;
    this.encoder = encoder;
  }

  /**
   * @return the Socket.IO packet
   */
  public SocketPacket packet() {
    return packet;
  }

  /**
   * @return the event name
   */
  public String event() {
    return event;
  }

  /**
   * @return the arguments
   */
  public JsonArray args() {
    return args;
  }

  /**
   * @return the Engine.IO packets to send, computed once
   */
  public List<EnginePacket> enginepackets() {
    List<EnginePacket> e = encoded;
    if (e == null) {
      synchronized (this) {
        e = encoded;
        if (e == null) {
          e = encode(encoder, packet);
          encoded = e;
        }
      }
    }
    return e;
  }

  /**
   * @param encoder the encoder
   * @param packet a Socket.IO packet
   * @return its Engine.IO message packets: the text, then each attachment
   */
  public static List<EnginePacket> encode(SocketPacketEncoder encoder, SocketPacket packet) {
    return encoder.encodeForEngine(packet);
  }
}

package dev.vertio.cluster.adapter.impl;

import dev.vertio.socketio.parser.SocketPacket;
import dev.vertio.socketio.parser.SocketPacketDecoder;
import dev.vertio.socketio.parser.SocketPacketEncoder;
import dev.vertio.socketio.parser.SocketPacketType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import java.util.List;

/**
 * Event data (a JSON array that may hold binary values) as the text and attachments of a Socket.IO
 * packet, the way it travels in a {@link ClusterMessage}.
 */
final class Packets {
  private static final SocketPacketEncoder ENCODER = new SocketPacketEncoder();

  private Packets() {}

  /**
   * @return data encoded as an ACK packet (any array, binary values as attachments)
   */
  static SocketPacketEncoder.Encoded encode(JsonArray data) {
    return ENCODER.encode(
        new SocketPacket(
            SocketPacketType.ACK, dev.vertio.socketio.SocketIoProtocol.MAIN_NAMESPACE, 0, data));
  }

  /**
   * @param text the packet text
   * @param attachments its attachments
   * @return the data, or null when malformed
   */
  static JsonArray decode(String text, List<byte[]> attachments) {
    try {
      SocketPacketDecoder decoder = new SocketPacketDecoder(ClusterCodec.MAX_ATTACHMENTS, 128);
      SocketPacket p = decoder.decode(text);
      for (int i = 0; p == null && i < attachments.size(); i++) {
        p = decoder.addAttachment(Buffer.buffer(attachments.get(i)));
      }
      if (p == null || !(p.data() instanceof JsonArray)) {
        return null;
      }
      return (JsonArray) p.data();
    } catch (RuntimeException e) {
      return null;
    }
  }
}

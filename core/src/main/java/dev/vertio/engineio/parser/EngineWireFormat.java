package dev.vertio.engineio.parser;

import java.util.List;

/**
 * How one transport of one session frames Engine.IO packets: the protocol revision the client
 * speaks ({@code EIO=4}, or {@code EIO=3} for Socket.IO v2 clients when the server allows them)
 * and, in revision 3, whether it takes binary ({@code b64=1} asks for base64 instead). Transports
 * consult it rather than a codec directly, so that revision differences stay here.
 *
 * <p>Implementations are immutable and shared.
 */
public interface EngineWireFormat {

  /** Revision 4, what Socket.IO 3.x and 4.x clients speak. */
  EngineWireFormat V4 = new V4WireFormat();

  /**
   * @param supportsBinary false when the client asked for base64 ({@code b64=1})
   * @return revision 3, what Socket.IO 2.x clients speak
   */
  static EngineWireFormat v3(boolean supportsBinary) {
    return supportsBinary ? V3WireFormat.BINARY : V3WireFormat.BASE64;
  }

  /**
   * A polling response body: text ({@code text/plain}) or bytes ({@code application/octet-stream}).
   */
  record Payload(String text, byte[] bytes) {
    /**
     * @return true when the body is bytes
     */
    public boolean isBinary() {
      return bytes != null;
    }
  }

  /**
   * @return the protocol revision: 3 or 4
   */
  int protocol();

  // ------------------------------------------------------------------ polling

  /**
   * @return true when POST bodies may be binary payloads ({@code application/octet-stream}):
   *     revision 3 only; the reference answers 400 to them in revision 4
   */
  boolean acceptsBinaryPayloads();

  /**
   * @param packets at least one packet
   * @return the body of the answer to a poll
   */
  Payload encodePayload(List<EnginePacket> packets);

  /**
   * @param payload a text POST body
   * @return its packets, in order
   * @throws EngineParseException when any packet is invalid
   */
  List<EnginePacket> decodePayload(String payload);

  /**
   * @param payload a binary POST body
   * @return its packets, in order
   * @throws EngineParseException when invalid, or in revision 4
   */
  List<EnginePacket> decodePayload(byte[] payload);

  // ------------------------------------------------------------------ websocket

  /**
   * @param packet a packet to send
   * @return true when it goes in a binary frame ({@link #encodeBinaryFrame}), false for a text
   *     frame ({@link #encodeTextFrame})
   */
  boolean isBinaryFrame(EnginePacket packet);

  /**
   * @param packet a packet for which {@link #isBinaryFrame} is false
   * @return the text frame
   */
  String encodeTextFrame(EnginePacket packet);

  /**
   * @param packet a binary packet for which {@link #isBinaryFrame} is true
   * @return the binary frame's bytes (in revision 4 the packet's own array, not a copy)
   */
  byte[] encodeBinaryFrame(EnginePacket packet);

  /**
   * @param frame a text frame
   * @return its packet
   * @throws EngineParseException when invalid
   */
  EnginePacket decodeTextFrame(String frame);

  /**
   * @param frame a binary frame's bytes, handed over
   * @return its packet
   * @throws EngineParseException when invalid
   */
  EnginePacket decodeBinaryFrame(byte[] frame);
}

package dev.vertio.engineio.parser;

import java.util.List;

/**
 * Revision 3 framing, {@link EngineCodecV3}. With binary support (the default), binary packets
 * travel as typed binary WebSocket frames and, in polling, make the whole payload binary; with
 * {@code b64=1} they travel as {@code b4} + base64 text (reference {@code transport.js} {@code
 * supportsBinary}, polling {@code send()}).
 */
final class V3WireFormat implements EngineWireFormat {
  static final V3WireFormat BINARY = new V3WireFormat(true);
  static final V3WireFormat BASE64 = new V3WireFormat(false);

  private final boolean supportsBinary;

  private V3WireFormat(boolean supportsBinary) {
    this.supportsBinary = supportsBinary;
  }

  @Override
  public int protocol() {
    return 3;
  }

  @Override
  public boolean acceptsBinaryPayloads() {
    return true;
  }

  @Override
  public Payload encodePayload(List<EnginePacket> packets) {
    if (supportsBinary) {
      for (int i = 0; i < packets.size(); i++) {
        if (packets.get(i).isBinary()) {
          return new Payload(null, EngineCodecV3.encodeBinaryPayload(packets));
        }
      }
    }
    return new Payload(EngineCodecV3.encodePayload(packets), null);
  }

  @Override
  public List<EnginePacket> decodePayload(String payload) {
    return EngineCodecV3.decodePayload(payload);
  }

  @Override
  public List<EnginePacket> decodePayload(byte[] payload) {
    return EngineCodecV3.decodeBinaryPayload(payload);
  }

  @Override
  public boolean isBinaryFrame(EnginePacket packet) {
    return supportsBinary && packet.isBinary();
  }

  @Override
  public String encodeTextFrame(EnginePacket packet) {
    return EngineCodecV3.encodePacket(packet);
  }

  @Override
  public byte[] encodeBinaryFrame(EnginePacket packet) {
    return EngineCodecV3.encodeBinaryPacket(packet);
  }

  @Override
  public EnginePacket decodeTextFrame(String frame) {
    return EngineCodecV3.decodePacket(frame);
  }

  @Override
  public EnginePacket decodeBinaryFrame(byte[] frame) {
    return EngineCodecV3.decodeBinaryPacket(frame);
  }

  @Override
  public String toString() {
    return supportsBinary ? "EIO=3" : "EIO=3&b64=1";
  }
}

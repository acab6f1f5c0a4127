package dev.vertio.engineio.parser;

import java.util.List;

/**
 * Revision 4 framing, {@link EngineCodec}: binary frames are raw bytes, payloads use {@code \x1e}.
 */
final class V4WireFormat implements EngineWireFormat {

  @Override
  public int protocol() {
    return 4;
  }

  @Override
  public boolean acceptsBinaryPayloads() {
    return false;
  }

  @Override
  public Payload encodePayload(List<EnginePacket> packets) {
    return new Payload(EngineCodec.encodePayload(packets), null);
  }

  @Override
  public List<EnginePacket> decodePayload(String payload) {
    return EngineCodec.decodePayload(payload);
  }

  @Override
  public List<EnginePacket> decodePayload(byte[] payload) {
    throw new EngineParseException("binary payloads do not exist in revision 4");
  }

  @Override
  public boolean isBinaryFrame(EnginePacket packet) {
    return packet.isBinary();
  }

  @Override
  public String encodeTextFrame(EnginePacket packet) {
    return packet.wireText();
  }

  @Override
  public byte[] encodeBinaryFrame(EnginePacket packet) {
    return packet.binary();
  }

  @Override
  public EnginePacket decodeTextFrame(String frame) {
    return EngineCodec.decodePacket(frame);
  }

  @Override
  public EnginePacket decodeBinaryFrame(byte[] frame) {
    return EnginePacket.binary(frame);
  }

  @Override
  public String toString() {
    return "EIO=4";
  }
}

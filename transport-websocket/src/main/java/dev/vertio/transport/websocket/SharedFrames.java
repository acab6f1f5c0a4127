package dev.vertio.transport.websocket;

import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.engineio.parser.EngineWireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Encode once, write many: the complete WebSocket frame (RFC 6455 section 5.2, header and payload;
 * a server's frames are not masked, so they are the same bytes for every recipient) of the packet
 * last written on this event loop. A broadcast writes one packet instance to each of its recipients
 * one after another on each loop: the first one encodes the frame, the others write retained
 * duplicates of the same buffer.
 *
 * <p>One frame per event-loop thread is kept, until the next packet replaces it. Connections with
 * per-message deflate do not use it (their frames differ).
 */
final class SharedFrames {
  private static final int OPCODE_TEXT = 0x1;
  private static final int OPCODE_BINARY = 0x2;
  private static final int OPCODE_CLOSE = 0x8;
  private static final int OPCODE_PING = 0x9;
  private static final int OPCODE_PONG = 0xA;
  private static final int FIN = 0x80;
  private static final FastThreadLocal<SharedFrames> LAST =
      new FastThreadLocal<>() {
        @Override
        protected SharedFrames initialValue() {
          return new SharedFrames();
        }
      };

  private EnginePacket packet;
  private EngineWireFormat format;
  private ByteBuf frame;

  private SharedFrames() {}

  /**
   * @param alloc the channel's allocator
   * @param p a packet
   * @param format the connection's framing
   * @return a buffer holding the packet's complete frame, the caller's to write (or release)
   */
  static ByteBuf frame(ByteBufAllocator alloc, EnginePacket p, EngineWireFormat format) {
    SharedFrames last = LAST.get();
    if (last.packet != p || last.format != format) {
      ByteBuf encoded = encode(alloc, p, format);
      if (last.frame != null) {
        last.frame.release();
      }
      last.packet = p;
      last.format = format;
      last.frame = encoded;
    }
    return last.frame.retainedDuplicate();
  }

  private static ByteBuf encode(ByteBufAllocator alloc, EnginePacket p, EngineWireFormat format) {
    if (format.isBinaryFrame(p)) {
      byte[] payload = format.encodeBinaryFrame(p);
      ByteBuf buf = alloc.buffer(headerLength(payload.length) + payload.length);
      writeHeader(buf, OPCODE_BINARY, payload.length);
      return buf.writeBytes(payload);
    }
    String text = format.encodeTextFrame(p);
    int length = ByteBufUtil.utf8Bytes(text);
    ByteBuf buf = alloc.buffer(headerLength(length) + length);
    writeHeader(buf, OPCODE_TEXT, length);
    ByteBufUtil.reserveAndWriteUtf8(buf, text, length);
    return buf;
  }

  /**
   * Encodes a control frame (close, ping, pong: RFC 6455 section 5.5) for a pipeline without a
   * frame encoder.
   *
   * @param alloc the channel's allocator
   * @param frame the frame; released
   * @return the complete frame, the caller's to write
   */
  static ByteBuf control(ByteBufAllocator alloc, WebSocketFrame frame) {
    try {
      int opcode =
          frame instanceof CloseWebSocketFrame
              ? OPCODE_CLOSE
              : frame instanceof PingWebSocketFrame ? OPCODE_PING : OPCODE_PONG;
      ByteBuf payload = frame.content();
      int length = payload.readableBytes();
      ByteBuf buf = alloc.buffer(headerLength(length) + length);
      writeHeader(buf, opcode, length);
      return buf.writeBytes(payload, payload.readerIndex(), length);
    } finally {
      frame.release();
    }
  }

  private static int headerLength(int payload) {
    return payload < 126 ? 2 : payload <= 0xFFFF ? 4 : 10;
  }

  /** RFC 6455 section 5.2: FIN, the opcode, no mask, the 7, 7+16 or 7+64 bit payload length. */
  private static void writeHeader(ByteBuf buf, int opcode, int length) {
    buf.writeByte(FIN | opcode);
    if (length < 126) {
      buf.writeByte(length);
    } else if (length <= 0xFFFF) {
      buf.writeByte(126);
      buf.writeShort(length);
    } else {
      buf.writeByte(127);
      buf.writeLong(length);
    }
  }
}

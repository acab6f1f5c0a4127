package dev.vertio.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a client's frames (RFC 6455 section 5) from the connection's bytes, for a pipeline without
 * Netty's frame decoder: what {@code WebSocket13FrameDecoder} checks for a server without
 * extensions, without a handler (and its context) of its own per connection. An idle connection's
 * reader holds no buffer: only the bytes of a frame that arrived in part are kept.
 *
 * <p>Checks: client frames are masked; RSV bits are clear (no extension); the opcode is known; a
 * control frame is final and at most 125 bytes; continuations follow a started message and a new
 * message does not interrupt one; the payload is at most the limit (1009); a close frame's body is
 * empty or a valid status code with a UTF-8 reason. A violation is a {@link
 * CorruptedWebSocketFrameException} with its close status, and the reader reads nothing more.
 */
final class FrameReader {
  private static final int OPCODE_CONTINUATION = 0x0;
  private static final int OPCODE_TEXT = 0x1;
  private static final int OPCODE_BINARY = 0x2;
  private static final int OPCODE_CLOSE = 0x8;
  private static final int OPCODE_PING = 0x9;
  private static final int OPCODE_PONG = 0xA;
  private static final Charset UTF_8 = StandardCharsets.UTF_8;

  private final int maxPayload;
  private ByteBuf partial;
  private boolean inMessage;
  private boolean failed;

  /**
   * @param maxPayload the largest frame payload accepted, bytes
   */
  FrameReader(int maxPayload) {
    this.maxPayload = maxPayload;
  }

  /**
   * Reads every complete frame of the bytes received so far.
   *
   * @param alloc the channel's allocator
   * @param in bytes just received; released
   * @param out takes each frame (and must release it)
   * @throws CorruptedWebSocketFrameException on a protocol violation
   */
  void read(ByteBufAllocator alloc, ByteBuf in, Consumer<WebSocketFrame> out) {
    if (failed) {
      in.release();
      return;
    }
    ByteBuf buf = in;
    boolean cumulated = partial != null;
    if (cumulated) {
      buf = partial.writeBytes(in);
      in.release();
      partial = null;
    }
    try {
      while (buf.isReadable()) {
        WebSocketFrame frame = next(alloc, buf);
        if (frame == null) {
          break;
        }
        out.accept(frame);
        if (failed) {
          return;
        }
      }
      if (buf.isReadable()) {
        // a frame arrived in part: its bytes wait for the rest (at most a frame's header and
        // maxPayload, checked as soon as the header is here)
        if (cumulated) {
          buf.discardReadBytes();
          partial = buf;
          buf = null;
        } else {
          partial = alloc.buffer(Math.max(buf.readableBytes(), 256)).writeBytes(buf);
        }
      }
    } catch (CorruptedWebSocketFrameException e) {
      failed = true;
      throw e;
    } finally {
      if (buf != null) {
        buf.release();
      }
    }
  }

  /** Releases the bytes of a frame received in part. */
  void release() {
    failed = true;
    if (partial != null) {
      partial.release();
      partial = null;
    }
  }

  /** The next complete frame, or null (nothing consumed) when its bytes are not all here. */
  private WebSocketFrame next(ByteBufAllocator alloc, ByteBuf buf) {
    int start = buf.readerIndex();
    int available = buf.readableBytes();
    if (available < 2) {
      return null;
    }
    int b0 = buf.getUnsignedByte(start);
    int b1 = buf.getUnsignedByte(start + 1);
    boolean fin = (b0 & 0x80) != 0;
    int rsv = (b0 & 0x70) >> 4;
    int opcode = b0 & 0x0F;
    boolean masked = (b1 & 0x80) != 0;
    int length7 = b1 & 0x7F;
    if (rsv != 0) {
      throw violation(WebSocketCloseStatus.PROTOCOL_ERROR, "RSV bits set without an extension");
    }
    if (!masked) {
      throw violation(WebSocketCloseStatus.PROTOCOL_ERROR, "unmasked client frame");
    }
    boolean control = opcode >= OPCODE_CLOSE;
    checkOpcode(opcode, control, fin, length7);
    int header = 2;
    long length = length7;
    if (length7 == 126) {
      if (available < 4) {
        return null;
      }
      length = buf.getUnsignedShort(start + 2);
      header = 4;
    } else if (length7 == 127) {
      if (available < 10) {
        return null;
      }
      length = buf.getLong(start + 2);
      header = 10;
      if (length < 0) {
        throw violation(WebSocketCloseStatus.PROTOCOL_ERROR, "invalid payload length");
      }
    }
    if (length > maxPayload) {
      throw violation(
          WebSocketCloseStatus.MESSAGE_TOO_BIG,
          "Max frame length of " + maxPayload + " has been exceeded.");
    }
    int total = header + 4 + (int) length;
    if (available < total) {
      return null;
    }
    int mask = buf.getInt(start + header);
    ByteBuf payload = alloc.buffer((int) length);
    unmask(buf, start + header + 4, (int) length, mask, payload);
    buf.readerIndex(start + total);
    if (!control) {
      inMessage = !fin;
    }
    return frame(opcode, fin, payload);
  }

  private void checkOpcode(int opcode, boolean control, boolean fin, int length7) {
    if (control) {
      if (opcode != OPCODE_CLOSE && opcode != OPCODE_PING && opcode != OPCODE_PONG) {
        throw violation(WebSocketCloseStatus.PROTOCOL_ERROR, "reserved opcode " + opcode);
      }
      if (!fin) {
        throw violation(WebSocketCloseStatus.PROTOCOL_ERROR, "fragmented control frame");
      }
      if (length7 > 125) {
        throw violation(WebSocketCloseStatus.PROTOCOL_ERROR, "control frame over 125 bytes");
      }
    } else if (opcode == OPCODE_CONTINUATION) {
      if (!inMessage) {
        throw violation(WebSocketCloseStatus.PROTOCOL_ERROR, "continuation without a message");
      }
    } else if (opcode == OPCODE_TEXT || opcode == OPCODE_BINARY) {
      if (inMessage) {
        throw violation(WebSocketCloseStatus.PROTOCOL_ERROR, "new message inside a fragmented one");
      }
    } else {
      throw violation(WebSocketCloseStatus.PROTOCOL_ERROR, "reserved opcode " + opcode);
    }
  }

  private static void unmask(ByteBuf in, int from, int length, int mask, ByteBuf out) {
    int i = 0;
    for (; i + 4 <= length; i += 4) {
      out.writeInt(in.getInt(from + i) ^ mask);
    }
    for (; i < length; i++) {
      out.writeByte(in.getByte(from + i) ^ (mask >>> (24 - 8 * (i & 3))));
    }
  }

  private WebSocketFrame frame(int opcode, boolean fin, ByteBuf payload) {
    switch (opcode) {
      case OPCODE_TEXT:
        return new TextWebSocketFrame(fin, 0, payload);
      case OPCODE_BINARY:
        return new BinaryWebSocketFrame(fin, 0, payload);
      case OPCODE_CONTINUATION:
        return new ContinuationWebSocketFrame(fin, 0, payload);
      case OPCODE_PING:
        return new PingWebSocketFrame(payload);
      case OPCODE_PONG:
        return new PongWebSocketFrame(payload);
      default:
        checkCloseBody(payload);
        return new CloseWebSocketFrame(true, 0, payload);
    }
  }

  /** RFC 6455 section 5.5.1: empty, or a status code (and a UTF-8 reason). */
  private static void checkCloseBody(ByteBuf body) {
    int length = body.readableBytes();
    if (length == 0) {
      return;
    }
    if (length == 1) {
      body.release();
      throw violation(WebSocketCloseStatus.PROTOCOL_ERROR, "close frame of one byte");
    }
    int code = body.getUnsignedShort(body.readerIndex());
    if (!WebSocketCloseStatus.isValidStatusCode(code)) {
      body.release();
      throw violation(WebSocketCloseStatus.PROTOCOL_ERROR, "invalid close status " + code);
    }
    if (length > 2 && !ByteBufUtil.isText(body, body.readerIndex() + 2, length - 2, UTF_8)) {
      body.release();
      throw violation(WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "close reason is not UTF-8");
    }
  }

  private static CorruptedWebSocketFrameException violation(
      WebSocketCloseStatus status, String message) {
    return new CorruptedWebSocketFrameException(status, message);
  }
}

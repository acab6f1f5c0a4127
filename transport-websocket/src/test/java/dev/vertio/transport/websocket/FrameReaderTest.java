package dev.vertio.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A client's frames read without Netty's decoder: every byte split, every RFC 6455 check. */
class FrameReaderTest {
  private static final PooledByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;
  private final List<String> read = new ArrayList<>();

  /** A masked client frame. */
  private static byte[] frame(int b0, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(b0);
    int n = payload.length;
    if (n < 126) {
      out.write(0x80 | n);
    } else if (n <= 0xFFFF) {
      out.write(0x80 | 126);
      out.write(n >> 8);
      out.write(n);
    } else {
      out.write(0x80 | 127);
      for (int i = 7; i >= 0; i--) {
        out.write((int) ((long) n >> (8 * i)));
      }
    }
    byte[] mask = {0x11, 0x22, 0x33, 0x44};
    out.writeBytes(mask);
    for (int i = 0; i < n; i++) {
      out.write(payload[i] ^ mask[i & 3]);
    }
    return out.toByteArray();
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private void feed(FrameReader reader, byte[]... chunks) {
    for (byte[] c : chunks) {
      reader.read(ALLOC, Unpooled.wrappedBuffer(c), this::record);
    }
  }

  private void record(WebSocketFrame f) {
    String kind = f.getClass().getSimpleName().replace("WebSocketFrame", "");
    read.add(
        kind
            + (f.isFinalFragment() ? "" : "+")
            + ":"
            + f.content().toString(StandardCharsets.UTF_8));
    f.release();
  }

  @Test
  void framesSplitAnywhereAndSeveralPerReadComeOutWhole() {
    byte[] big = new byte[70_000];
    java.util.Arrays.fill(big, (byte) 'x');
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(frame(0x81, text("4hello")));
    all.writeBytes(frame(0x01, text("42[")));
    all.writeBytes(frame(0x89, text("p")));
    all.writeBytes(frame(0x80, text("1]")));
    all.writeBytes(frame(0x81, new byte[300]));
    all.writeBytes(frame(0x82, big));
    byte[] bytes = all.toByteArray();
    for (int step : new int[] {1, 3, 7, 1000, bytes.length}) {
      read.clear();
      FrameReader reader = new FrameReader(100_000);
      for (int i = 0; i < bytes.length; i += step) {
        byte[] chunk = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + step));
        feed(reader, chunk);
      }
      assertEquals(6, read.size(), "step " + step + ": " + read);
      assertEquals("Text:4hello", read.get(0));
      assertEquals("Text+:42[", read.get(1));
      assertEquals("Ping:p", read.get(2));
      assertEquals("Continuation:1]", read.get(3));
      assertTrue(read.get(5).startsWith("Binary:xxx"));
      assertEquals("Binary:".length() + 70_000, read.get(5).length());
      reader.release();
    }
  }

  private static int violation(int maxPayload, byte[]... frames) {
    FrameReader reader = new FrameReader(maxPayload);
    CorruptedWebSocketFrameException e =
        assertThrows(
            CorruptedWebSocketFrameException.class,
            () -> {
              for (byte[] f : frames) {
                reader.read(ALLOC, Unpooled.wrappedBuffer(f), WebSocketFrame::release);
              }
            });
    // nothing more is read after a violation
    reader.read(
        ALLOC,
        Unpooled.wrappedBuffer(frame(0x81, text("x"))),
        f -> {
          throw new AssertionError("read after a violation");
        });
    return e.closeStatus().code();
  }

  @Test
  void violationsCarryTheirCloseStatus() {
    byte[] unmasked = {(byte) 0x81, 1, 'a'};
    assertEquals(1002, violation(100, unmasked));
    assertEquals(1002, violation(100, frame(0xC1, text("a"))), "RSV1 without an extension");
    assertEquals(1002, violation(100, frame(0x83, text("a"))), "reserved data opcode");
    assertEquals(1002, violation(100, frame(0x8B, text("a"))), "reserved control opcode");
    assertEquals(1002, violation(100, frame(0x09, text("a"))), "fragmented ping");
    assertEquals(1002, violation(200, frame(0x89, new byte[126])), "ping over 125 bytes");
    assertEquals(1002, violation(100, frame(0x80, text("a"))), "continuation first");
    assertEquals(
        1002, violation(100, frame(0x01, text("a")), frame(0x81, text("b"))), "interrupted");
    assertEquals(1009, violation(100, frame(0x82, new byte[101])), "over the limit");
    byte[] header = java.util.Arrays.copyOf(frame(0x82, new byte[70_000]), 14);
    assertEquals(1009, violation(65_000, header), "refused on its header alone");
    assertEquals(1002, violation(100, frame(0x88, new byte[] {3})), "close of one byte");
    assertEquals(1002, violation(100, frame(0x88, new byte[] {0x03, (byte) 0xED})), "1005");
    assertEquals(
        1007,
        violation(100, frame(0x88, new byte[] {0x03, (byte) 0xE8, (byte) 0xC3, 0x28})),
        "reason not UTF-8");
  }

  @Test
  void closeFramesWithAndWithoutABody() {
    FrameReader reader = new FrameReader(100);
    List<WebSocketFrame> frames = new ArrayList<>();
    reader.read(ALLOC, Unpooled.wrappedBuffer(frame(0x88, new byte[0])), frames::add);
    reader.read(
        ALLOC,
        Unpooled.wrappedBuffer(frame(0x88, new byte[] {0x03, (byte) 0xE8, 'o', 'k'})),
        frames::add);
    assertEquals(-1, ((CloseWebSocketFrame) frames.get(0)).statusCode());
    assertEquals(1000, ((CloseWebSocketFrame) frames.get(1)).statusCode());
    assertEquals("ok", ((CloseWebSocketFrame) frames.get(1)).reasonText());
    frames.forEach(WebSocketFrame::release);
    assertTrue(frames.get(0) instanceof CloseWebSocketFrame);
    assertTrue(!(frames.get(1) instanceof PingWebSocketFrame));
    assertTrue(!(frames.get(1) instanceof TextWebSocketFrame));
    assertTrue(!(frames.get(1) instanceof ContinuationWebSocketFrame));
  }

  @Test
  void aFrameLeftInPartIsReleasedWithTheReader() {
    FrameReader reader = new FrameReader(100);
    byte[] f = frame(0x81, text("hello"));
    ByteBuf in = Unpooled.wrappedBuffer(java.util.Arrays.copyOf(f, 4));
    reader.read(ALLOC, in, this::record);
    assertEquals(0, in.refCnt(), "the bytes given are released");
    assertTrue(read.isEmpty());
    reader.release();
  }
}

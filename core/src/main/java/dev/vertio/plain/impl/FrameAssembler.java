package dev.vertio.plain.impl;

import dev.vertio.plain.PlainProtocol;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reassembles fragmented messages (RFC 6455 section 5.4) from data frames, bounding their size
 * (1009 past the limit) and checking that text is UTF-8 (section 8.1: 1007 otherwise; Vert.x's own
 * text decoding would silently replace bad bytes). Control frames are Vert.x's: it answers pings
 * and closes, and reports pongs apart.
 */
final class FrameAssembler {
  /** Where whole messages go. */
  interface Sink {
    /** A whole text message, valid UTF-8, with its size in bytes. */
    void text(String text, int bytes);

    /** A whole binary message. */
    void binary(Buffer bytes);

    /** The peer broke a rule: close with that code and reason. */
    void fail(short code, String reason);
  }

  private final int maxMessage;
  private final Sink sink;
  private Buffer fragments;
  private boolean fragmentText;

  FrameAssembler(int maxMessage, Sink sink) {
    this.maxMessage = maxMessage;
    this.sink = sink;
  }

  void onFrame(WebSocketFrame frame) {
    if (frame.isText() || frame.isBinary()) {
      if (fragments != null) {
        // Section 5.4: a new data frame before the last one's final fragment.
        fragments = null;
        sink.fail((short) 1002, "new message before the end of a fragmented one");
        return;
      }
      if (frame.isFinal()) {
        deliver(frame.isText(), frame.binaryData());
        return;
      }
      fragmentText = frame.isText();
      fragments = Buffer.buffer().appendBuffer(frame.binaryData());
    } else if (frame.isContinuation()) {
      if (fragments == null) {
        sink.fail((short) 1002, "continuation frame without a message");
        return;
      }
      fragments.appendBuffer(frame.binaryData());
      if (frame.isFinal()) {
        Buffer whole = fragments;
        fragments = null;
        deliver(fragmentText, whole);
        return;
      }
    } else {
      return;
    }
    if (fragments.length() > maxMessage) {
      fragments = null;
      sink.fail(PlainProtocol.CLOSE_TOO_BIG, "message too big");
    }
  }

  private void deliver(boolean text, Buffer data) {
    if (data.length() > maxMessage) {
      sink.fail(PlainProtocol.CLOSE_TOO_BIG, "message too big");
    } else if (!text) {
      sink.binary(data);
    } else {
      String s;
      try {
        s = utf8().decode(ByteBuffer.wrap(data.getBytes())).toString();
      } catch (CharacterCodingException e) {
        sink.fail(PlainProtocol.CLOSE_INVALID_PAYLOAD, "invalid UTF-8");
        return;
      }
      sink.text(s, data.length());
    }
  }

  private static CharsetDecoder utf8() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }
}

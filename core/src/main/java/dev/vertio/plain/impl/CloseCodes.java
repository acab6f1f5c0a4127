package dev.vertio.plain.impl;

import dev.vertio.plain.PlainProtocol;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import java.nio.charset.StandardCharsets;

/** Close codes and reasons as RFC 6455 section 7.4 wants them. */
final class CloseCodes {
  /** Section 5.5: a close frame's reason fits in 123 bytes of UTF-8. */
  private static final int MAX_REASON_BYTES = 123;

  private CloseCodes() {}

  /**
   * @param t what Vert.x or Netty reported while reading
   * @return the close code: the one the decoder chose (1002, 1009...), 1009 for a deflated message
   *     inflating past the limit, else 1011
   */
  static short of(Throwable t) {
    if (t instanceof CorruptedWebSocketFrameException) {
      return (short) ((CorruptedWebSocketFrameException) t).closeStatus().code();
    }
    if (t instanceof DecompressionException) {
      return PlainProtocol.CLOSE_TOO_BIG;
    }
    return PlainProtocol.CLOSE_INTERNAL_ERROR;
  }

  /**
   * @return the reason cut to 123 bytes of UTF-8, on a character boundary
   */
  static String truncate(String reason) {
    if (reason == null) {
      return "";
    }
    if (reason.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
      return reason;
    }
    int end = reason.length();
    while (end > 0
        && reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
      end--;
    }
    if (end > 0 && Character.isHighSurrogate(reason.charAt(end - 1))) {
      end--;
    }
    return reason.substring(0, end);
  }
}

package dev.vertio.transport.websocket;

import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;

/** RFC 6455 section 7.4.1: the close codes the WebSocket transport sends. */
final class CloseCodes {
  /** 1000, normal closure. */
  static final int NORMAL = 1000;

  /** 1001, going away (server shutting down). */
  static final int GOING_AWAY = 1001;

  /** 1007, data inconsistent with the message type (bad UTF-8). */
  static final int INVALID_PAYLOAD = 1007;

  /** 1009, a message too big to process. */
  static final int MESSAGE_TOO_BIG = 1009;

  /** 1011, an unexpected condition: the server cannot fulfil the request. */
  static final int INTERNAL_ERROR = 1011;

  private CloseCodes() {}

  /**
   * @param t what went wrong on the connection
   * @return its close code: the frame decoder's own (1002, 1007, 1009), 1009 when the bounded
   *     inflater stopped a message growing past {@code maxHttpBufferSize}, else 1011
   */
  static int of(Throwable t) {
    if (t instanceof CorruptedWebSocketFrameException) {
      return ((CorruptedWebSocketFrameException) t).closeStatus().code();
    }
    if (t instanceof DecompressionException || t.getCause() instanceof DecompressionException) {
      return MESSAGE_TOO_BIG;
    }
    return INTERNAL_ERROR;
  }
}

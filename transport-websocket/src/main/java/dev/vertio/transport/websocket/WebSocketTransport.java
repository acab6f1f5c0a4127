package dev.vertio.transport.websocket;

import dev.vertio.engineio.EngineProtocol;
import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.engineio.parser.EngineParseException;
import dev.vertio.engineio.parser.EngineWireFormat;
import dev.vertio.engineio.spi.Transport;
import dev.vertio.engineio.spi.TransportListener;
import dev.vertio.engineio.spi.WebSockets;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * One session's WebSocket. The socket stays paused until the session listens, so no frame can
 * arrive before anyone is there to take it.
 */
final class WebSocketTransport implements Transport {
  /** RFC 6455 section 7.4.1: 1009, a message too big to process. */
  private static final short MESSAGE_TOO_BIG = 1009;

  /** RFC 6455 section 7.4.1: 1007, data inconsistent with the message type (bad UTF-8). */
  private static final short INVALID_PAYLOAD = 1007;

  private final ServerWebSocket ws;
  private final int maxMessage;
  private final EngineWireFormat format;

  /** Set on the session's context, read on the socket's; handed over under this object's lock. */
  private volatile TransportListener listener;

  /** The close or error that came before any listener, told to the first one: guarded by this. */
  private Consumer<TransportListener> missed;

  private volatile boolean closed;
  private Buffer fragments;
  private boolean fragmentText;

  WebSocketTransport(ServerWebSocket ws, int maxMessage, EngineWireFormat format) {
    this.ws = ws;
    this.maxMessage = maxMessage;
    this.format = format;
    try {
      listen();
    } catch (IllegalStateException closedAlready) {
      // Vert.x refuses handlers on a WebSocket that closed before this point (the peer went away
      // right after the handshake): the transport starts closed and its first listener hears it.
      closed = true;
      missed = TransportListener::onClose;
    }
  }

  private void listen() {
    ws.pause();
    ws.frameHandler(this::onFrame);
    ws.closeHandler(
        v -> {
          if (!closed) {
            closed = true;
            tell(TransportListener::onClose);
          }
        });
    ws.exceptionHandler(
        t -> {
          if (t instanceof HttpClosedException) {
            // The connection dropped: the close handler follows and reports a transport close.
            return;
          }
          if (!closed) {
            closed = true;
            String description = "websocket error: " + t.getMessage();
            tell(l -> l.onError(description));
            ws.close(closeCode(t), "");
          }
        });
    ws.drainHandler(
        v -> {
          TransportListener l = listener;
          if (!closed && l != null) {
            l.onDrain();
          }
        });
  }

  /**
   * Tells the listener of a close or error. The socket can close while paused, before the session
   * (on another event loop, for an upgrade) has set a listener: then the first listener is told.
   */
  private void tell(Consumer<TransportListener> event) {
    TransportListener l;
    synchronized (this) {
      l = listener;
      if (l == null) {
        missed = event;
        return;
      }
    }
    event.accept(l);
  }

  /**
   * RFC 6455 section 7.4.1: the close code for what went wrong, e.g. 1007 for a text frame that is
   * not UTF-8, 1009 for a frame over the limit; 1011 for anything else.
   */
  private static short closeCode(Throwable t) {
    if (t instanceof CorruptedWebSocketFrameException) {
      return (short) ((CorruptedWebSocketFrameException) t).closeStatus().code();
    }
    if (t instanceof DecompressionException) {
      // The bounded inflater stopped a message growing past maxHttpBufferSize.
      return MESSAGE_TOO_BIG;
    }
    return 1011;
  }

  /**
   * Reassembles fragmented messages (RFC 6455 section 5.4) itself, so that it can bound their size
   * and check that text is UTF-8: Vert.x's text decoding would silently replace bad bytes.
   */
  private void onFrame(WebSocketFrame frame) {
    if (closed) {
      return;
    }
    if (frame.isText() || frame.isBinary()) {
      if (frame.isFinal()) {
        deliver(frame.isText(), frame.binaryData());
        return;
      }
      fragmentText = frame.isText();
      fragments = Buffer.buffer().appendBuffer(frame.binaryData());
    } else if (frame.isContinuation() && fragments != null) {
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
      tooBig();
    }
  }

  private void deliver(boolean text, Buffer data) {
    if (data.length() > maxMessage) {
      tooBig();
    } else if (!text) {
      onBinary(data);
    } else {
      try {
        onText(
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(data.getBytes()))
                .toString());
      } catch (CharacterCodingException e) {
        closed = true;
        listener.onError("text frame is not valid UTF-8");
        ws.close(INVALID_PAYLOAD, "invalid UTF-8");
      }
    }
  }

  private void onText(String text) {
    EnginePacket packet;
    try {
      packet = format.decodeTextFrame(text);
    } catch (EngineParseException e) {
      closed = true;
      listener.onParseError(e.getMessage());
      ws.close();
      return;
    }
    listener.onPacket(packet);
  }

  private void onBinary(Buffer buffer) {
    EnginePacket packet;
    try {
      packet = format.decodeBinaryFrame(buffer.getBytes());
    } catch (EngineParseException e) {
      closed = true;
      listener.onParseError(e.getMessage());
      ws.close();
      return;
    }
    listener.onPacket(packet);
  }

  private void tooBig() {
    closed = true;
    listener.onError("message larger than maxHttpBufferSize");
    ws.close(MESSAGE_TOO_BIG, "message too big");
  }

  @Override
  public String name() {
    return EngineProtocol.WEBSOCKET;
  }

  @Override
  public void listener(TransportListener listener) {
    Consumer<TransportListener> before;
    synchronized (this) {
      this.listener = listener;
      before = missed;
      missed = null;
    }
    if (before != null) {
      before.accept(listener);
    } else {
      ws.resume();
    }
  }

  /** Closing or closed is not writable, see {@link WebSockets#writable}. */
  @Override
  public boolean isWritable() {
    return !closed && WebSockets.writable(ws);
  }

  @Override
  public boolean batchesWrites() {
    return false;
  }

  @Override
  public void send(List<EnginePacket> packets) {
    if (closed || ws.isClosed()) {
      // Dropped: the close handler is about to tell the session.
      return;
    }
    for (EnginePacket p : packets) {
      if (format.isBinaryFrame(p)) {
        ws.writeBinaryMessage(Buffer.buffer(format.encodeBinaryFrame(p)));
      } else {
        ws.writeTextMessage(format.encodeTextFrame(p));
      }
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      ws.close();
    }
  }
}

package dev.vertio.transport.websocket;

import dev.vertio.engineio.EngineProtocol;
import dev.vertio.engineio.parser.EngineCodec;
import dev.vertio.engineio.parser.EngineParseException;
import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.engineio.spi.Transport;
import dev.vertio.engineio.spi.TransportListener;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;

/**
 * One session's WebSocket. The socket stays paused until the session listens, so no frame can
 * arrive before anyone is there to take it.
 */
final class WebSocketTransport implements Transport {
  /** RFC 6455 section 7.4.1: 1009, a message too big to process. */
  private static final short MESSAGE_TOO_BIG = 1009;

  private final ServerWebSocket ws;
  private final int maxMessage;
  private volatile TransportListener listener;
  private volatile boolean closed;

  WebSocketTransport(ServerWebSocket ws, int maxMessage) {
    this.ws = ws;
    this.maxMessage = maxMessage;
    ws.pause();
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(this::onBinary);
    ws.closeHandler(v -> {
      if (!closed) {
        closed = true;
        listener.onClose();
      }
    });
    ws.exceptionHandler(t -> {
      if (!closed) {
        closed = true;
        listener.onError("websocket error: " + t.getMessage());
        ws.close();
      }
    });
    ws.drainHandler(v -> {
      if (!closed) {
        listener.onDrain();
      }
    });
  }

  private void onText(String text) {
    if (closed) {
      return;
    }
    if (text.length() > maxMessage) {
      tooBig();
      return;
    }
    EnginePacket packet;
    try {
      packet = EngineCodec.decodePacket(text);
    } catch (EngineParseException e) {
      closed = true;
      listener.onParseError(e.getMessage());
      ws.close();
      return;
    }
    listener.onPacket(packet);
  }

  private void onBinary(Buffer buffer) {
    if (closed) {
      return;
    }
    if (buffer.length() > maxMessage) {
      tooBig();
      return;
    }
    listener.onPacket(EnginePacket.binary(buffer.getBytes()));
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
    this.listener = listener;
    ws.resume();
  }

  @Override
  public boolean isWritable() {
    return !closed && !ws.writeQueueFull();
  }

  @Override
  public boolean batchesWrites() {
    return false;
  }

  @Override
  public void send(List<EnginePacket> packets) {
    if (closed) {
      return;
    }
    for (EnginePacket p : packets) {
      if (p.isBinary()) {
        ws.writeBinaryMessage(Buffer.buffer(p.binary()));
      } else {
        ws.writeTextMessage(p.wireText());
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

package dev.vertio.client.engineio;

import dev.vertio.engineio.EngineProtocol;
import dev.vertio.engineio.parser.EngineCodec;
import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.engineio.parser.EngineParseException;
import dev.vertio.engineio.spi.WebSockets;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;

/** The client side of the WebSocket transport: one packet per frame. */
final class WebSocketClientTransport implements ClientTransport {
  private final WebSocket ws;
  private volatile Listener listener;
  private boolean closed;

  private WebSocketClientTransport(WebSocket ws, Listener listener) {
    this.ws = ws;
    this.listener = listener;
    ws.textMessageHandler(
        text -> {
          try {
            deliver(EngineCodec.decodePacket(text));
          } catch (EngineParseException e) {
            fail(ClientCloseReason.PARSE_ERROR);
          }
        });
    ws.binaryMessageHandler(b -> deliver(EnginePacket.binary(b.getBytes())));
    // A connection lost without a close frame (reset, broken pipe) is reported when the socket
    // closes, as "transport close", as the official clients do; a protocol error is an error.
    ws.exceptionHandler(
        t -> {
          if (!(t instanceof java.io.IOException || t instanceof HttpClosedException)) {
            fail(ClientCloseReason.TRANSPORT_ERROR);
          }
        });
    ws.closeHandler(v -> fail(ClientCloseReason.TRANSPORT_CLOSE));
  }

  static Future<WebSocketClientTransport> connect(
      WebSocketClient client, EngineClientOptions options, String sid, Listener listener) {
    WebSocketConnectOptions connect =
        new WebSocketConnectOptions()
            .setHost(options.host())
            .setPort(options.port())
            .setSsl(options.ssl())
            .setURI(options.uri(EngineProtocol.WEBSOCKET, sid));
    options.headers().forEach(e -> connect.addHeader(e.getKey(), e.getValue()));
    return client.connect(connect).map(ws -> new WebSocketClientTransport(ws, listener));
  }

  void listener(Listener listener) {
    this.listener = listener;
  }

  private void deliver(EnginePacket packet) {
    if (!closed) {
      listener.onPackets(List.of(packet));
    }
  }

  private void fail(ClientCloseReason reason) {
    if (!closed) {
      closed = true;
      listener.onClose(reason);
    }
  }

  @Override
  public String name() {
    return EngineProtocol.WEBSOCKET;
  }

  /**
   * @return true once the socket closed or failed, whoever listened then
   */
  boolean isClosed() {
    return closed;
  }

  @Override
  public boolean writable() {
    return !closed && WebSockets.writable(ws);
  }

  @Override
  public void send(List<EnginePacket> packets) {
    for (EnginePacket p : packets) {
      if (p.isBinary()) {
        ws.writeBinaryMessage(Buffer.buffer(p.binary()));
      } else {
        ws.writeTextMessage(p.wireText());
      }
    }
  }

  @Override
  public void pause(Runnable whenPaused) {
    whenPaused.run();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      ws.close();
    }
  }
}

package dev.vertio.plain.impl;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.HandshakeData;
import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.engineio.spi.OnContext;
import dev.vertio.plain.PlainProtocol;
import dev.vertio.socketio.SocketIoProtocol;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import java.util.List;

/**
 * A plain connection seen as a session, which is what {@code socket.conn()} returns: its id, the
 * handshake, raw writes (text and binary messages as they are, outside the JSON format), close.
 * Message handlers are kept but never called: messages go to the socket.
 */
final class PlainSession implements EngineSession {
  /** The transport name of plain connections. */
  static final String TRANSPORT = "websocket-plain";

  private final PlainConnection connection;
  private final String id;
  private final HandshakeData handshake;
  private final ContextInternal context;
  private Handler<EngineCloseReason> closeHandler;
  private Handler<Void> drainHandler;
  private EngineCloseReason closeReason;

  PlainSession(
      PlainConnection connection, String id, HandshakeData handshake, ContextInternal context) {
    this.connection = connection;
    this.id = id;
    this.handshake = handshake;
    this.context = context;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String transportName() {
    return TRANSPORT;
  }

  @Override
  public HandshakeData handshake() {
    return handshake;
  }

  @Override
  public Context context() {
    return context;
  }

  @Override
  public Future<Void> send(String text) {
    return onContext(() -> connection.write(text, List.of()));
  }

  @Override
  public Future<Void> send(Buffer bytes) {
    Buffer copy = bytes.copy();
    return onContext(() -> connection.webSocket().writeBinaryMessage(copy));
  }

  /** Sends the packet's payload as it is: text as a text message, binary as a binary one. */
  @Override
  public Future<Void> send(EnginePacket packet) {
    if (packet.isBinary()) {
      return send(Buffer.buffer(packet.binary()));
    }
    return send(packet.text());
  }

  private Future<Void> onContext(Runnable write) {
    PromiseInternal<Void> p = context.promise();
    OnContext.run(
        context,
        () -> {
          if (connection.isClosed()) {
            p.fail("session closed");
            return;
          }
          write.run();
          p.complete();
        });
    return p.future();
  }

  @Override
  public boolean isWritable() {
    return connection.isWritable();
  }

  @Override
  public EngineSession messageHandler(Handler<String> handler) {
    return this;
  }

  @Override
  public EngineSession binaryMessageHandler(Handler<Buffer> handler) {
    return this;
  }

  @Override
  public EngineSession closeHandler(Handler<EngineCloseReason> handler) {
    this.closeHandler = handler;
    return this;
  }

  @Override
  public EngineSession drainHandler(Handler<Void> handler) {
    this.drainHandler = handler;
    return this;
  }

  @Override
  public EngineSession upgradeHandler(Handler<Void> handler) {
    return this;
  }

  @Override
  public Future<Void> close() {
    PromiseInternal<Void> p = context.promise();
    OnContext.run(
        context,
        () -> {
          connection.closeWith(
              PlainProtocol.CLOSE_NORMAL,
              SocketIoProtocol.FORCED_CLOSE,
              SocketIoProtocol.FORCED_CLOSE,
              EngineCloseReason.FORCED_CLOSE);
          p.complete();
        });
    return p.future();
  }

  @Override
  public boolean isClosed() {
    return connection.isClosed();
  }

  @Override
  public EngineCloseReason closeReason() {
    return closeReason;
  }

  @Override
  public String closeDescription() {
    return null;
  }

  void fireClose(EngineCloseReason reason) {
    closeReason = reason;
    Handler<EngineCloseReason> h = closeHandler;
    if (h != null) {
      try {
        h.handle(reason);
      } catch (Throwable t) {
        context.reportException(t);
      }
    }
  }

  void fireDrain() {
    Handler<Void> h = drainHandler;
    if (h != null) {
      h.handle(null);
    }
  }
}

package dev.vertio.socketio.impl;

import dev.vertio.socketio.Ack;
import dev.vertio.socketio.parser.SocketPacket;
import dev.vertio.socketio.parser.SocketPacketType;
import dev.vertio.socketio.shared.JsonArgs;
import java.util.concurrent.atomic.AtomicBoolean;

/** The acknowledgement of one incoming event: the first {@link #send} sends an ACK packet. */
final class IncomingAck implements Ack {
  private final SocketImpl socket;
  private final long id;
  private final AtomicBoolean sent = new AtomicBoolean();

  IncomingAck(SocketImpl socket, long id) {
    this.socket = socket;
    this.id = id;
  }

  @Override
  public void send(Object... args) {
    if (!sent.compareAndSet(false, true)) {
      return;
    }
    io.vertx.core.json.JsonArray data = JsonArgs.array(args);
    socket.runOnContext(
        () -> {
          if (socket.connected()) {
            socket.sendPacket(
                new SocketPacket(SocketPacketType.ACK, socket.namespace().name(), id, data));
          }
        });
  }

  @Override
  public boolean requested() {
    return true;
  }
}

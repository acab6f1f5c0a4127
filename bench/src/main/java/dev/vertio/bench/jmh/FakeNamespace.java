package dev.vertio.bench.jmh;

import dev.vertio.socketio.RemoteSocket;
import dev.vertio.socketio.adapter.AdapterHost;
import dev.vertio.socketio.adapter.BroadcastOptions;
import dev.vertio.socketio.adapter.BroadcastPacket;
import dev.vertio.socketio.adapter.InMemoryAdapter;
import dev.vertio.socketio.adapter.LocalSocket;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A namespace of {@code n} minimal sockets, all on one context, behind a real {@link
 * InMemoryAdapter}. Each socket joins its own room, as a Socket.IO socket does. A delivery does
 * what {@code SocketImpl.deliver} does for a connected socket without outgoing listeners: take the
 * broadcast's shared Engine.IO packets and write them, here into a {@link FrameSink}.
 */
final class FakeNamespace implements AdapterHost {
  private final Vertx vertx;
  private final Map<String, LocalSocket> sockets;
  private final InMemoryAdapter adapter;

  /**
   * @param vertx the Vert.x instance
   * @param context the context every socket belongs to
   * @param n the number of sockets
   * @param sink where the sockets write their frames
   */
  FakeNamespace(Vertx vertx, Context context, int n, FrameSink sink) {
    this.vertx = vertx;
    this.sockets = new HashMap<>(n * 2);
    this.adapter = new InMemoryAdapter(this);
    for (int i = 0; i < n; i++) {
      String id = String.format("sock-%015d", i);
      sockets.put(id, new Socket(id, context, sink));
      adapter.addAll(id, Set.of(id));
    }
  }

  /**
   * @return the adapter over the sockets
   */
  InMemoryAdapter adapter() {
    return adapter;
  }

  @Override
  public String name() {
    return "/";
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public LocalSocket localSocket(String id) {
    return sockets.get(id);
  }

  /** A connected socket reduced to its delivery. */
  private record Socket(String id, Context context, FrameSink sink) implements LocalSocket {
    @Override
    public void deliver(
        BroadcastPacket packet, BroadcastOptions options, Handler<JsonArray> ackHandler) {
      sink.write(packet.enginepackets());
    }

    @Override
    public RemoteSocket snapshot() {
      throw new UnsupportedOperationException("not needed by the benchmark");
    }

    @Override
    public Future<Void> disconnect(boolean close) {
      return Future.failedFuture(new UnsupportedOperationException("not needed by the benchmark"));
    }
  }
}

package dev.vertio.transport.websocket;

import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.engineio.spi.Transport;
import dev.vertio.engineio.spi.TransportHost;
import dev.vertio.engineio.spi.TransportListener;
import dev.vertio.engineio.spi.TransportProvider;
import io.netty.channel.Channel;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The WebSocket provider, watched: for every WebSocket a session upgrades to, each transport event
 * must reach the session on the session's thread with the session's context current, and each write
 * must be made on the channel's own event loop. What does not is recorded as a violation.
 */
final class ThreadProbe implements TransportProvider {
  private final WebSocketTransportProvider inner = new WebSocketTransportProvider();

  /** What crossed threads. */
  final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

  /** Upgrades whose WebSocket arrived on another loop than its session's. */
  final AtomicInteger arrivedElsewhere = new AtomicInteger();

  /** Writes and events seen on upgraded WebSockets. */
  final AtomicInteger writes = new AtomicInteger();

  final AtomicInteger events = new AtomicInteger();

  /** The connections of the upgraded WebSockets. */
  final ConcurrentLinkedQueue<Channel> channels = new ConcurrentLinkedQueue<>();

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public Future<Transport> open(HttpServerRequest request, TransportHost host) {
    return inner.open(request, host);
  }

  @Override
  public Future<Transport> openUpgrade(
      HttpServerRequest request, TransportHost host, Context session) {
    if (!((ContextInternal) session).inThread()) {
      arrivedElsewhere.incrementAndGet();
    }

    return inner.openUpgrade(request, host, session).map(t -> new Watched(t, session));
  }

  @Override
  public void handle(HttpServerRequest request, Transport transport) {
    inner.handle(request, transport);
  }

  private void check(Context session, String what) {
    Context current = Vertx.currentContext();
    if (!((ContextInternal) session).inThread()) {
      violations.add(what + " on " + Thread.currentThread().getName());
    } else if (current == null || ((ContextInternal) current).unwrap() != session) {
      violations.add(what + " with context " + current);
    }
  }

  private final class Watched implements Transport {
    private final Transport t;
    private final Context session;

    Watched(Transport t, Context session) {
      this.t = t;
      this.session = session;
      check(session, "handed over");
      if (t instanceof ChannelWebSocket) {
        channels.add(((ChannelWebSocket) t).channel());
      }
    }

    @Override
    public String name() {
      return t.name();
    }

    @Override
    public void listener(TransportListener listener) {
      t.listener(
          new TransportListener() {
            @Override
            public void onPacket(EnginePacket packet) {
              event("packet " + packet);
              listener.onPacket(packet);
            }

            @Override
            public void onDrain() {
              event("drain");
              listener.onDrain();
            }

            @Override
            public void onClose() {
              event("close");
              listener.onClose();
            }

            @Override
            public void onError(String description) {
              event("error");
              listener.onError(description);
            }

            @Override
            public void onParseError(String description) {
              event("parse error");
              listener.onParseError(description);
            }
          });
    }

    private void event(String what) {
      events.incrementAndGet();
      check(session, what);
    }

    @Override
    public boolean isWritable() {
      return t.isWritable();
    }

    @Override
    public boolean batchesWrites() {
      return t.batchesWrites();
    }

    @Override
    public void send(List<EnginePacket> packets) {
      writes.incrementAndGet();
      if (!(t instanceof ChannelWebSocket)) {
        violations.add("not the own pipeline: " + t);
      } else if (!((ChannelWebSocket) t).channel().eventLoop().inEventLoop()) {
        violations.add("write " + packets + " from " + Thread.currentThread().getName());
      }
      t.send(packets);
    }

    @Override
    public void close() {
      t.close();
    }

    @Override
    public void discard() {
      t.discard();
    }
  }
}

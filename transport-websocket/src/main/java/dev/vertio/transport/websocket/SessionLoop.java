package dev.vertio.transport.websocket;

import dev.vertio.engineio.spi.OnContext;
import dev.vertio.engineio.spi.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.Future;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Serves an upgraded WebSocket on its session's event loop. A session opened by polling lives on
 * the event loop of its handshake; the WebSocket it upgrades to arrives on a new connection,
 * usually on another loop. Once the opening handshake is answered, the connection (whose pipeline
 * is ours, see {@link OwnPipeline}) is deregistered from its loop and registered on the session's,
 * and its handler dispatches with the session's context: every frame in and out of the session then
 * stays on one thread.
 *
 * <p>Nothing else refers to the loop a channel was first registered on: Netty 4.2 forgets the
 * executors its handler contexts cached when a channel registers again, Vert.x's server reaches its
 * connections through a channel group (closing them, or firing its shutdown event through the
 * pipeline, on the channel's current loop), and TLS needs nothing from its loop once its handshake
 * is done. The idle-timeout handler is the exception, as its timers run on the loop that armed
 * them: it is taken out before the move and a fresh one with the same timeouts put back after.
 *
 * <p>The transport is handed to the session only once the connection is on the session's loop, so
 * nothing of the session touches it while it moves.
 */
final class SessionLoop {
  private static final System.Logger LOG = System.getLogger(SessionLoop.class.getName());

  private SessionLoop() {}

  /**
   * @param connection the context of the connection the WebSocket arrived on
   * @param session the upgrading session's context, or {@code null} for a handshake
   * @param channel the connection
   * @return true when the connection should move: an upgrade, of a session on an event-loop context
   *     of the same Vert.x instance (so of the same transport, NIO or native), on another loop, and
   *     the move not disabled with {@value WebSocketTransportProvider#SESSION_LOOP_PROPERTY}
   */
  static boolean applies(ContextInternal connection, ContextInternal session, Channel channel) {
    return session != null
        && session.isEventLoopContext()
        && session.owner() == connection.owner()
        && session.nettyEventLoop() != channel.eventLoop()
        && WebSocketTransportProvider.sessionLoop();
  }

  /**
   * Moves the connection to the session's loop once its opening handshake answer is written. Call
   * on the connection's loop, with reads paused, after the pipeline became ours.
   *
   * @param ws the connection's handler and transport
   * @param channel the connection
   * @param answered the write of the 101 answer
   * @param session the session's event-loop context
   * @return the transport, completed on the session's context once the connection is on its loop
   *     (or, when it failed before it could move, where it is: it then reports its close)
   */
  static Future<Transport> move(
      ChannelWebSocket ws, Channel channel, ChannelFuture answered, ContextInternal session) {
    PromiseInternal<Transport> moved = session.promise();
    // Written first: the 101 leaves on the loop that took it, with no write pending on the move.
    answered.addListener(
        written -> {
          if (!written.isSuccess() || !channel.isActive()) {
            moved.complete(ws);
            return;
          }
          Idle idle = Idle.takeOut(channel.pipeline());
          EventLoop from = channel.eventLoop();
          channel
              .deregister()
              .addListener(
                  left -> {
                    if (!left.isSuccess()) {
                      LOG.log(
                          System.Logger.Level.DEBUG,
                          "WebSocket stays on its loop: " + left.cause());
                      idle.putBack(channel.pipeline());
                      moved.complete(ws);
                      return;
                    }
                    register(ws, channel, from, session, idle, moved);
                  });
        });
    return moved.future();
  }

  private static void register(
      ChannelWebSocket ws,
      Channel channel,
      EventLoop from,
      ContextInternal session,
      Idle idle,
      PromiseInternal<Transport> moved) {
    session
        .nettyEventLoop()
        .register(channel)
        .addListener(
            joined -> {
              if (joined.isSuccess()) {
                // On the session's loop from here.
                idle.putBack(channel.pipeline());
                ws.moveTo(session);
                OnContext.run(session, () -> moved.complete(ws));
                return;
              }
              if (channel.isOpen()) {
                LOG.log(
                    System.Logger.Level.WARNING,
                    "cannot serve a WebSocket on its session's loop: " + joined.cause());
                from.register(channel)
                    .addListener(
                        back -> {
                          if (back.isSuccess()) {
                            idle.putBack(channel.pipeline());
                            moved.complete(ws);
                          } else {
                            lost(ws, channel, moved, back.cause());
                          }
                        });
                return;
              }
              lost(ws, channel, moved, joined.cause());
            });
  }

  /** Closed while unregistered: Netty tells no handler, so the handler is told here. */
  private static void lost(
      ChannelWebSocket ws, Channel channel, PromiseInternal<Transport> moved, Throwable cause) {
    channel.close();
    ws.lost();
    moved.fail(cause);
  }

  /** Vert.x's idle-timeout handler (the server's {@code idleTimeout}), and where it was. */
  private static final class Idle {
    private static final Idle NONE = new Idle(null, null, null);

    private final IdleStateHandler handler;
    private final String name;
    private final String before;

    private Idle(IdleStateHandler handler, String name, String before) {
      this.handler = handler;
      this.name = name;
      this.before = before;
    }

    /** Removes it, which cancels its timers on the loop that armed them. */
    static Idle takeOut(ChannelPipeline pipeline) {
      IdleStateHandler handler = pipeline.get(IdleStateHandler.class);
      if (handler == null) {
        return NONE;
      }
      String name = pipeline.context(handler).name();
      List<String> names = pipeline.names();
      String before = names.get(names.indexOf(name) + 1);
      pipeline.remove(handler);
      return new Idle(handler, name, before);
    }

    /** A fresh handler with the same timeouts, armed on the channel's loop. */
    void putBack(ChannelPipeline pipeline) {
      if (handler == null || !pipeline.channel().isOpen()) {
        return;
      }
      pipeline.addBefore(
          pipeline.context(before) != null ? before : ChannelWebSocket.HANDLER_NAME,
          name,
          new IdleStateHandler(
              handler.getReaderIdleTimeInMillis(),
              handler.getWriterIdleTimeInMillis(),
              handler.getAllIdleTimeInMillis(),
              TimeUnit.MILLISECONDS));
    }
  }
}

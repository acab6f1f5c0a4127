package dev.vertio.transport.websocket;

import dev.vertio.engineio.EngineProtocol;
import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.engineio.parser.EngineParseException;
import dev.vertio.engineio.parser.EngineWireFormat;
import dev.vertio.engineio.spi.Transport;
import dev.vertio.engineio.spi.TransportListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.internal.ContextInternal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One session's WebSocket on a connection whose Netty pipeline is ours after the upgrade (see
 * {@link OwnPipeline}): Netty's RFC 6455 frame codec, the optional RFC 7692 deflate handlers and
 * this handler, which is also the session's {@link Transport}. No Vert.x {@code ServerWebSocket}
 * and no Vert.x connection stay behind, which is most of an idle session's memory.
 *
 * <p>Threading: every channel event runs on the channel's event loop and reaches the listener with
 * the connection's Vert.x context made current, so user handlers see it as {@code
 * Vertx.currentContext()}. A WebSocket a polling session upgrades to is moved to the session's loop
 * before the session gets it, and then dispatches with the session's context (see {@link
 * SessionLoop}), so its events and writes stay on that one thread. The transport methods may still
 * be called from another thread (the fallback when it could not move): writes are then handed over
 * as one task per batch, which keeps them in order with a later close.
 */
final class ChannelWebSocket extends ChannelDuplexHandler implements Transport {
  /** The name of this handler in the pipeline. */
  static final String HANDLER_NAME = "vertio-websocket";

  /** Vert.x's default {@code webSocketClosingTimeout}: how long to wait for the peer's close. */
  static final long CLOSING_TIMEOUT_MS = 10_000;

  private static final String SHUTDOWN_EVENT = "io.vertx.core.net.impl.ShutdownEvent";

  private final Channel channel;

  /** The connection's context; the session's once the channel moved to its loop. */
  private volatile ContextInternal context;

  private final int maxMessage;
  private final EngineWireFormat format;

  /** Frames from {@link SharedFrames} (no extension); else Netty frames through the encoders. */
  private final boolean sharedFrames;

  private ChannelHandlerContext ctx;

  /** Set from the session's thread, read on the loop; handed over under this object's lock. */
  private volatile TransportListener listener;

  /** The close or error that came before any listener, told to the first one: guarded by this. */
  private Consumer<TransportListener> missed;

  /** No more events for the listener, no more writes: volatile, asked from any thread. */
  private volatile boolean closed;

  /** Loop only: our close frame went out; the next step is the peer's close or the timer. */
  private boolean closeSent;

  /** Loop only: written since the last flush, and on this turn's {@link EndOfTurnFlush}. */
  private boolean flushPending;

  /** Reads the frames when the pipeline has no frame decoder (no extension), else null. */
  private final FrameReader frames;

  private ScheduledFuture<?> closingTimer;
  private CompositeByteBuf fragments;
  private boolean fragmentText;

  /** Loop only: frames decoded before the first listener (bytes that followed the request). */
  private ArrayDeque<Object> held;

  ChannelWebSocket(
      Channel channel,
      ContextInternal context,
      int maxMessage,
      EngineWireFormat format,
      boolean sharedFrames) {
    this.sharedFrames = sharedFrames;
    this.frames = sharedFrames ? new FrameReader(maxMessage) : null;
    this.channel = channel;
    this.context = context;
    this.maxMessage = maxMessage;
    this.format = format;
  }

  /**
   * The channel is now registered on this context's event loop: events dispatch with it. Called on
   * that loop, before the session has the transport.
   */
  void moveTo(ContextInternal session) {
    this.context = session;
  }

  /**
   * The channel closed while it was registered on no loop, which no handler is told of: the same as
   * {@link #channelInactive}.
   */
  void lost() {
    channelInactive(ctx);
  }

  /**
   * @return the connection
   */
  Channel channel() {
    return channel;
  }

  // ---------------------------------------------------------------- Transport (any thread)

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
      return;
    }
    onLoop(
        () -> {
          ArrayDeque<Object> early = held;
          held = null;
          if (early != null) {
            for (Object msg; (msg = early.poll()) != null; ) {
              read(msg);
            }
          }
          if (!closed) {
            channel.config().setAutoRead(true);
          }
        });
  }

  /** Closing or closed is not writable; else the channel's write buffer decides. */
  @Override
  public boolean isWritable() {
    return !closed && channel.isWritable();
  }

  @Override
  public boolean batchesWrites() {
    return false;
  }

  @Override
  public void send(List<EnginePacket> packets) {
    if (closed) {
      // Dropped: the close is about to be told to the session.
      return;
    }
    if (channel.eventLoop().inEventLoop()) {
      write(packets);
    } else {
      channel.eventLoop().execute(() -> write(packets));
    }
  }

  /** One packet, as a broadcast delivers it: no list around it. */
  @Override
  public void send(EnginePacket packet) {
    if (closed) {
      return;
    }
    if (channel.eventLoop().inEventLoop()) {
      write(packet);
      flushAtEndOfTurn();
    } else {
      channel
          .eventLoop()
          .execute(
              () -> {
                write(packet);
                flushAtEndOfTurn();
              });
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      onLoop(() -> sendClose(CloseCodes.NORMAL, null, false));
    }
  }

  private void onLoop(Runnable task) {
    if (channel.eventLoop().inEventLoop()) {
      task.run();
    } else {
      channel.eventLoop().execute(task);
    }
  }

  // ---------------------------------------------------------------- outbound (loop)

  private void write(List<EnginePacket> packets) {
    for (int i = 0; i < packets.size(); i++) {
      write(packets.get(i));
    }
    flushAtEndOfTurn();
  }

  /** Writes without flushing: {@link #flushAtEndOfTurn} follows. */
  private void write(EnginePacket p) {
    if (closeSent || ctx == null) {
      return;
    }
    if (sharedFrames) {
      ctx.write(SharedFrames.frame(ctx.alloc(), p, format), ctx.voidPromise());
      return;
    }
    WebSocketFrame frame;
    if (format.isBinaryFrame(p)) {
      frame = new BinaryWebSocketFrame(Unpooled.wrappedBuffer(format.encodeBinaryFrame(p)));
    } else {
      frame = new TextWebSocketFrame(ByteBufUtil.writeUtf8(ctx.alloc(), format.encodeTextFrame(p)));
    }
    ctx.write(frame, ctx.voidPromise());
  }

  /**
   * What was written goes out once this event-loop turn is over, in one flush (one write system
   * call) for everything written to this connection in the turn: see {@link EndOfTurnFlush}.
   */
  private void flushAtEndOfTurn() {
    if (!flushPending && ctx != null && !closeSent) {
      flushPending = true;
      EndOfTurnFlush.later(this, ctx.executor());
    }
  }

  /** The end of the turn: on the loop. */
  void flushNow() {
    if (flushPending) {
      flushPending = false;
      ctx.flush();
    }
  }

  /**
   * A control frame as it goes into the pipeline: encoded here when the pipeline has no frame
   * encoder (no extension, see {@link OwnPipeline}), else as it is.
   */
  private Object outbound(WebSocketFrame frame) {
    return sharedFrames ? SharedFrames.control(ctx.alloc(), frame) : frame;
  }

  /**
   * Starts the closing handshake (RFC 6455 section 5.5.1). A normal close waits for the peer's
   * close frame, at most {@link #CLOSING_TIMEOUT_MS}; failing the connection (section 7.1.7) closes
   * it as soon as the close frame is out.
   */
  private void sendClose(int code, String reason, boolean fail) {
    if (closeSent || ctx == null) {
      if (ctx == null) {
        channel.close();
      }
      return;
    }
    closeSent = true;
    releaseFragments();
    var written = ctx.writeAndFlush(outbound(new CloseWebSocketFrame(code, reason)));
    if (fail) {
      written.addListener(ChannelFutureListener.CLOSE);
    } else {
      closingTimer =
          ctx.executor()
              .schedule(
                  () -> {
                    channel.close();
                  },
                  CLOSING_TIMEOUT_MS,
                  TimeUnit.MILLISECONDS);
      // The peer's close frame must be read, even on a socket no session listened to.
      channel.config().setAutoRead(true);
    }
  }

  // ---------------------------------------------------------------- inbound (loop)

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (listener == null && !closeSent) {
      if (held == null) {
        held = new ArrayDeque<>(2);
      }
      held.add(msg);
      return;
    }
    read(msg);
  }

  private void read(Object msg) {
    ContextInternal prev = context.beginDispatch();
    try {
      if (msg instanceof WebSocketFrame) {
        onFrame((WebSocketFrame) msg);
      } else if (msg instanceof ByteBuf && frames != null) {
        ByteBuf bytes = (ByteBuf) msg;
        msg = null; // the reader releases it
        frames.read(ctx.alloc(), bytes, this::onReadFrame);
      }
    } catch (CorruptedWebSocketFrameException e) {
      failWith(CloseCodes.of(e), "websocket error: " + e.getMessage());
    } catch (RuntimeException e) {
      // A user handler threw: reported like Vert.x's own dispatch does, the socket stays open.
      context.reportException(e);
    } finally {
      if (msg != null) {
        ReferenceCountUtil.release(msg);
      }
      context.endDispatch(prev);
    }
  }

  /** A frame of {@link #frames}: one user handler's failure does not cost the frames after it. */
  private void onReadFrame(WebSocketFrame frame) {
    try {
      onFrame(frame);
    } catch (CorruptedWebSocketFrameException e) {
      throw e;
    } catch (RuntimeException e) {
      context.reportException(e);
    } finally {
      frame.release();
    }
  }

  private void onFrame(WebSocketFrame frame) {
    if (frame instanceof CloseWebSocketFrame) {
      onCloseFrame((CloseWebSocketFrame) frame);
      return;
    }
    if (closed || closeSent) {
      return;
    }
    if (frame instanceof PingWebSocketFrame) {
      // RFC 6455 section 5.5.2: a Pong with the Ping's application data.
      ctx.writeAndFlush(
          outbound(new PongWebSocketFrame(frame.content().retain())), ctx.voidPromise());
    } else if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
      boolean text = frame instanceof TextWebSocketFrame;
      if (frame.isFinalFragment()) {
        deliver(text, frame.content());
        return;
      }
      fragmentText = text;
      fragments = ctx.alloc().compositeBuffer();
      append(frame);
    } else if (frame instanceof ContinuationWebSocketFrame && fragments != null) {
      // RFC 6455 section 5.4: fragments are reassembled here to bound their total size.
      if (!append(frame)) {
        return;
      }
      if (frame.isFinalFragment()) {
        CompositeByteBuf whole = fragments;
        fragments = null;
        try {
          deliver(fragmentText, whole);
        } finally {
          whole.release();
        }
      }
    }
  }

  /**
   * @return false when the message grew past the limit (the session is then closed)
   */
  private boolean append(WebSocketFrame frame) {
    if (fragments.readableBytes() + frame.content().readableBytes() > maxMessage) {
      releaseFragments();
      tooBig();
      return false;
    }
    fragments.addComponent(true, frame.content().retain());
    return true;
  }

  private void releaseFragments() {
    if (fragments != null) {
      fragments.release();
      fragments = null;
    }
  }

  private void deliver(boolean text, ByteBuf data) {
    if (data.readableBytes() > maxMessage) {
      tooBig();
      return;
    }
    EnginePacket packet;
    try {
      if (text) {
        // Strict UTF-8 (RFC 6455 section 8.1): bad bytes fail the connection with 1007.
        if (!ByteBufUtil.isText(data, StandardCharsets.UTF_8)) {
          failWith(CloseCodes.INVALID_PAYLOAD, "text frame is not valid UTF-8", "invalid UTF-8");
          return;
        }
        packet = format.decodeTextFrame(data.toString(StandardCharsets.UTF_8));
      } else {
        packet = format.decodeBinaryFrame(ByteBufUtil.getBytes(data));
      }
    } catch (EngineParseException e) {
      closed = true;
      listener.onParseError(e.getMessage());
      sendClose(CloseCodes.NORMAL, null, true);
      return;
    }
    listener.onPacket(packet);
  }

  private void tooBig() {
    failWith(
        CloseCodes.MESSAGE_TOO_BIG, "message larger than maxHttpBufferSize", "message too big");
  }

  private void failWith(int code, String description) {
    failWith(code, description, "");
  }

  private void failWith(int code, String description, String reason) {
    if (!closed) {
      closed = true;
      tell(l -> l.onError(description));
    }
    sendClose(code, reason, true);
  }

  /** The peer's close: our answer echoes its code (section 5.5.1), then the connection ends. */
  private void onCloseFrame(CloseWebSocketFrame frame) {
    if (closeSent) {
      channel.close();
      return;
    }
    closeSent = true;
    releaseFragments();
    int code = frame.statusCode();
    CloseWebSocketFrame answer =
        code < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, null);
    ctx.writeAndFlush(outbound(answer)).addListener(ChannelFutureListener.CLOSE);
    if (!closed) {
      closed = true;
      tell(TransportListener::onClose);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    TransportListener l = listener;
    if (channel.isWritable() && !closed && l != null) {
      dispatch(l::onDrain);
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (closingTimer != null) {
      closingTimer.cancel(false);
      closingTimer = null;
    }
    releaseFragments();
    if (frames != null) {
      frames.release();
    }
    if (held != null) {
      held.forEach(ReferenceCountUtil::release);
      held = null;
    }
    if (!closed) {
      closed = true;
      dispatch(() -> tell(TransportListener::onClose));
    }
  }

  /** A decoding error or a failure: the close code says which (see {@link CloseCodes#of}). */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable t) {
    dispatch(() -> failWith(CloseCodes.of(t), "websocket error: " + t.getMessage()));
  }

  /**
   * Vert.x's server shutdown: the socket goes away with 1001, as Vert.x's own would. The server's
   * {@code idleTimeout}, when set, closes the connection as Vert.x does.
   */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (!channel.eventLoop().inEventLoop()) {
      // Fired from another thread while the channel moved to its session's loop (SessionLoop):
      // the task ran on the loop it left.
      channel.eventLoop().execute(() -> userEventTriggered(ctx, evt));
      return;
    }
    if (evt instanceof IdleStateEvent) {
      channel.close();
      return;
    }
    if (SHUTDOWN_EVENT.equals(evt.getClass().getName())) {
      // 1001, then the closing handshake: the session hears of the close when the connection
      // ends (the peer's close frame or the closing timeout), as with Vert.x's own WebSocket, so
      // that a server shutting down has closed its sessions first, with its own reason
      sendClose(CloseCodes.GOING_AWAY, null, false);
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  /** Runs an event with the connection's context current, as Vert.x's own handlers do. */
  private void dispatch(Runnable event) {
    ContextInternal prev = context.beginDispatch();
    try {
      event.run();
    } finally {
      context.endDispatch(prev);
    }
  }

  /**
   * Tells the listener of a close or error. The socket can close before the session (on another
   * event loop, for an upgrade) has set a listener: then the first listener is told.
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
}

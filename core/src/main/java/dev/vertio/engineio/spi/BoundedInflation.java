package dev.vertio.engineio.spi;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.impl.WebSocketImplBase;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * Bounds how far a per-message-deflate frame may inflate (RFC 7692 decompression).
 *
 * <p>Vert.x 5 installs Netty's deflate decoder without an allocation limit, so a small compressed
 * frame could inflate to gigabytes before any size check runs. Netty's decoder does support a limit
 * ({@code maxAllocation}, enforced while inflating); Vert.x just does not pass one. This class sets
 * it on the connection's decoder right after the upgrade, before any frame is read. If the decoder
 * cannot be found or changed (a different Netty or Vert.x), the connection is refused rather than
 * left unbounded.
 */
public final class BoundedInflation {
  private static final System.Logger LOG = System.getLogger(BoundedInflation.class.getName());
  private static final String DECODER_CLASS =
      "io.netty.handler.codec.http.websocketx.extensions.compression.DeflateDecoder";
  private static final Field MAX_ALLOCATION = maxAllocationField();

  private BoundedInflation() {}

  private static Field maxAllocationField() {
    try {
      Field f = Class.forName(DECODER_CLASS).getDeclaredField("maxAllocation");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot bound WebSocket inflation: " + e);
      return null;
    }
  }

  /**
   * Limits inflation on a freshly upgraded WebSocket.
   *
   * @param ws the WebSocket, before any frame was read
   * @param maxBytes the largest inflated frame allowed
   * @return true when the connection has no deflate decoder or it is now bounded; false when it has
   *     one that could not be bounded
   */
  public static boolean apply(ServerWebSocket ws, int maxBytes) {
    if (!(ws instanceof WebSocketImplBase)) {
      return false;
    }
    ChannelHandlerContext chctx = ((WebSocketImplBase<?>) ws).channelHandlerContext();
    ChannelPipeline pipeline = chctx.pipeline();
    boolean ok = true;
    for (Map.Entry<String, ChannelHandler> e : pipeline) {
      ChannelHandler handler = e.getValue();
      if (isDeflateDecoder(handler.getClass())) {
        ok &= bound(handler, maxBytes);
      }
    }
    return ok;
  }

  private static boolean isDeflateDecoder(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      if (DECODER_CLASS.equals(k.getName())) {
        return true;
      }
    }
    return false;
  }

  private static boolean bound(ChannelHandler decoder, int maxBytes) {
    if (MAX_ALLOCATION == null) {
      return false;
    }
    try {
      MAX_ALLOCATION.setInt(decoder, maxBytes);
      return MAX_ALLOCATION.getInt(decoder) == maxBytes;
    } catch (IllegalAccessException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot bound WebSocket inflation: " + e);
      return false;
    }
  }
}

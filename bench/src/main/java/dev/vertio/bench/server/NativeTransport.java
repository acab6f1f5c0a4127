package dev.vertio.bench.server;

import io.vertx.core.VertxOptions;

/**
 * The Vert.x options the bench server starts with: the native epoll transport when it is on the
 * classpath and the platform has it (Linux x86_64 with {@code netty-transport-native-epoll}), NIO
 * otherwise, chosen by Vert.x at start. {@code -Dvertio.nativeTransport=false} forces NIO.
 */
public final class NativeTransport {
  /** The system property that turns the native transport off when {@code false}. */
  public static final String PROPERTY = "vertio.nativeTransport";

  private NativeTransport() {}

  /**
   * @return options preferring the native transport unless the property says false
   */
  public static VertxOptions vertxOptions() {
    return new VertxOptions()
        .setPreferNativeTransport(Boolean.parseBoolean(System.getProperty(PROPERTY, "true")));
  }
}

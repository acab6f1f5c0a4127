package dev.vertio.engineio;

import io.vertx.core.VertxOptions;

/**
 * Vert.x options for a server process: the native epoll transport when it is on the classpath and
 * the platform has it (Linux x86_64 with {@code netty-transport-native-epoll}), NIO otherwise,
 * chosen by Vert.x at start. {@code -Dvertio.nativeTransport=false} forces NIO. The samples and the
 * bench server start with these options.
 */
public final class NativeTransport {
  /** The system property that turns the native transport off when {@code false}. */
  public static final String PROPERTY = "vertio.nativeTransport";

  private NativeTransport() {}

  /**
   * @return options preferring the native transport unless the property says false
   * @throws IllegalArgumentException when the property is neither {@code true} nor {@code false}
   */
  public static VertxOptions vertxOptions() {
    String value = System.getProperty(PROPERTY, "true").trim();
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException("-D" + PROPERTY + " must be true or false, got: " + value);
    }
    return new VertxOptions().setPreferNativeTransport(Boolean.parseBoolean(value));
  }
}

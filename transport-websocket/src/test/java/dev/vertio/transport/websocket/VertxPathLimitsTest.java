package dev.vertio.transport.websocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link WebSocketLimitsTest} on the fallback path: Vert.x's {@code ServerWebSocket}, forced. */
class VertxPathLimitsTest extends WebSocketLimitsTest {
  @BeforeAll
  static void forceFallback() {
    System.setProperty(WebSocketTransportProvider.PIPELINE_PROPERTY, "vertx");
  }

  @AfterAll
  static void restore() {
    System.clearProperty(WebSocketTransportProvider.PIPELINE_PROPERTY);
  }
}

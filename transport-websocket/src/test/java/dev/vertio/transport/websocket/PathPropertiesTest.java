package dev.vertio.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The two system properties that choose the WebSocket path: a wrong value is refused. */
class PathPropertiesTest {
  @AfterEach
  void clear() {
    System.clearProperty(WebSocketTransportProvider.PIPELINE_PROPERTY);
    System.clearProperty(WebSocketTransportProvider.SESSION_LOOP_PROPERTY);
  }

  @Test
  void unsetMeansTheOwnPipelineAndTheSessionsLoop() {
    assertTrue(WebSocketTransportProvider.ownPipeline());
    assertTrue(WebSocketTransportProvider.sessionLoop());
    new WebSocketTransportProvider();
  }

  @Test
  void theValuesTheyTake() {
    System.setProperty(WebSocketTransportProvider.PIPELINE_PROPERTY, "vertx");
    System.setProperty(WebSocketTransportProvider.SESSION_LOOP_PROPERTY, "false");
    assertFalse(WebSocketTransportProvider.ownPipeline());
    assertFalse(WebSocketTransportProvider.sessionLoop());
    System.setProperty(WebSocketTransportProvider.PIPELINE_PROPERTY, "own");
    System.setProperty(WebSocketTransportProvider.SESSION_LOOP_PROPERTY, "true");
    assertTrue(WebSocketTransportProvider.ownPipeline());
    assertTrue(WebSocketTransportProvider.sessionLoop());
  }

  @Test
  void aWrongValueStopsTheProviderWithAMessage() {
    System.setProperty(WebSocketTransportProvider.PIPELINE_PROPERTY, "vertex");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, WebSocketTransportProvider::new);
    assertEquals("-Dvertio.websocket.pipeline must be own or vertx, got: vertex", e.getMessage());
    System.clearProperty(WebSocketTransportProvider.PIPELINE_PROPERTY);
    System.setProperty(WebSocketTransportProvider.SESSION_LOOP_PROPERTY, "flase");
    e = assertThrows(IllegalArgumentException.class, WebSocketTransportProvider::new);
    assertEquals(
        "-Dvertio.websocket.sessionLoop must be true or false, got: flase", e.getMessage());
  }

  @Test
  void anEngineDoesNotStartWithAWrongValueAndSaysWhy() {
    System.setProperty(WebSocketTransportProvider.SESSION_LOOP_PROPERTY, "flase");
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  dev.vertio.engineio.EngineServer.create(
                      vertx, new dev.vertio.engineio.EngineOptions()));
      assertEquals(
          "-Dvertio.websocket.sessionLoop must be true or false, got: flase", e.getMessage());
    } finally {
      vertx.close();
    }
  }
}

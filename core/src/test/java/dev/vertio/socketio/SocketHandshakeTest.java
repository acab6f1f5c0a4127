package dev.vertio.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.HandshakeData;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** A socket's handshake: an auth payload that was not sent is made once, when first asked for. */
class SocketHandshakeTest {
  private static HandshakeData engine() {
    return HandshakeData.of(
        MultiMap.caseInsensitiveMultiMap().add("cookie", "c=1"),
        MultiMap.caseInsensitiveMultiMap().add("EIO", "4"),
        null,
        "/socket.io/",
        false,
        1_000L);
  }

  @Test
  void withoutAPayloadAuthIsOneEmptyObjectTheSocketMayFill() {
    SocketHandshake h = new SocketHandshake(engine(), null);
    JsonObject auth = h.auth();
    assertTrue(auth.isEmpty());
    auth.put("seen", true);
    assertSame(auth, h.auth(), "the same object at every call");
    assertEquals(true, h.auth().getBoolean("seen"));
  }

  @Test
  void aPayloadIsKeptAsItCame() {
    JsonObject payload = new JsonObject().put("token", "t");
    SocketHandshake h = new SocketHandshake(engine(), payload);
    assertSame(payload, h.auth());
    assertEquals("c=1", h.headers().get("Cookie"));
    assertEquals("4", h.query().get("EIO"));
    assertEquals(1_000L, h.issued());
    assertEquals(new SocketHandshake(h.engine(), payload.copy()), h);
  }
}

package dev.vertio.plain.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One decoded client message.
 *
 * @param kind what it is
 * @param event the event name (EVENT)
 * @param args the arguments (EVENT, ACK)
 * @param id the acknowledgement id: asked for (EVENT, or -1) or answered (ACK)
 * @param auth the auth payload (AUTH)
 */
record PlainMessage(Kind kind, String event, JsonArray args, long id, JsonObject auth) {
  /** The forms a client message takes. */
  enum Kind {
    EVENT,
    ACK,
    AUTH
  }
}

package dev.vertio.engineio;

/**
 * What happens to an Engine.IO server's sessions, for metrics and tools. Every method has a no-op
 * default; a listener overrides what it needs. Methods are called on the session's context (the
 * refusal of a request on the request's), must return quickly and must not block; what a listener
 * throws is logged and otherwise ignored.
 *
 * @see EngineServer#addListener(EngineListener)
 */
public interface EngineListener {

  /**
   * @param session a session that just opened (its open packet is queued)
   */
  default void sessionOpened(EngineSession session) {}

  /**
   * @param session a polling session that just moved to a WebSocket
   */
  default void sessionUpgraded(EngineSession session) {}

  /**
   * @param session a session whose upgrade was abandoned; it goes on polling
   */
  default void upgradeFailed(EngineSession session) {}

  /**
   * @param session a session that just closed
   * @param reason why
   */
  default void sessionClosed(EngineSession session, EngineCloseReason reason) {}

  /**
   * @param error a request the server refused (the same the connection error handler gets)
   */
  default void connectionRefused(EngineConnectionError error) {}
}

package dev.vertio.engineio.impl;

import dev.vertio.engineio.EngineOptions;

/**
 * The server a session belongs to, as the session sees it: its options and listeners, and what it
 * must be told when the session opens and closes. Behind an interface so the session's state
 * machine can be tested with a fake server, a fake transport and a fake clock.
 */
interface SessionHost {
  /**
   * @return the server's options
   */
  EngineOptions options();

  /**
   * @return the server's listeners
   */
  EngineListeners listeners();

  /**
   * @return true when sessions may upgrade from polling to WebSocket
   */
  boolean upgradesAllowed();

  /**
   * @param session a session whose open packet is queued
   */
  void onOpened(EngineSessionImpl session);

  /**
   * @param session a session that closed
   * @param wasOpen false when it closed before its open packet was queued
   */
  void onClosed(EngineSessionImpl session, boolean wasOpen);

  /**
   * @param server the engine
   * @return the engine as its sessions see it
   */
  static SessionHost of(EngineServerImpl server) {
    return new SessionHost() {
      @Override
      public EngineOptions options() {
        return server.options();
      }

      @Override
      public EngineListeners listeners() {
        return server.listeners();
      }

      @Override
      public boolean upgradesAllowed() {
        return server.upgradesAllowed();
      }

      @Override
      public void onOpened(EngineSessionImpl session) {
        server.onOpened(session);
      }

      @Override
      public void onClosed(EngineSessionImpl session, boolean wasOpen) {
        server.onClosed(session, wasOpen);
      }
    };
  }
}

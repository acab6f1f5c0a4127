package dev.vertio.engineio.impl;

import dev.vertio.engineio.parser.EnginePacket;

/**
 * Who pings whom, per Engine.IO revision; the session delegates its heartbeat to its rule and keeps
 * the state. The reference server's {@code socket.js} has both, chosen by {@code protocol === 3}.
 */
enum HeartbeatRule {

  /**
   * Revision 4: the server pings every {@code pingInterval}; no pong within {@code pingTimeout}
   * closes the session ("ping timeout"). A ping from the client is an error.
   */
  SERVER_PINGS {
    @Override
    void start(EngineSessionImpl s) {
      s.heartbeats().awaitingPing.add(s);
    }

    @Override
    void onDeadline(EngineSessionImpl s) {
      if (s.awaitingPong) {
        // Like the reference checkPingTimeout(): a client that sent anything within pingTimeout
        // is alive, its pong may be queued behind data; wait one more pingTimeout.
        if (s.nanosSinceLastPacket() < s.pingTimeoutMs() * 1_000_000L) {
          s.heartbeats().awaitingPong.add(s);
          return;
        }
        s.pingTimedOut();
        return;
      }
      s.awaitingPong = true;
      s.heartbeats().awaitingPong.add(s);
      s.sendHeartbeat(EnginePacket.PING);
    }

    @Override
    void onPing(EngineSessionImpl s) {
      // Reference socket.js: "invalid heartbeat direction".
      s.heartbeatDirectionError();
    }

    @Override
    void onPong(EngineSessionImpl s) {
      if (s.awaitingPong) {
        s.awaitingPong = false;
        s.heartbeats().awaitingPing.add(s);
      }
    }
  },

  /**
   * Revision 3: the client pings every {@code pingInterval}; the server answers each ping with a
   * pong and closes the session ("ping timeout") when no ping came for {@code pingInterval +
   * pingTimeout} (reference {@code resetPingTimeout()}). Only pings count, and a pong from the
   * client is an error. The server never pings.
   */
  CLIENT_PINGS {
    @Override
    void start(EngineSessionImpl s) {
      s.heartbeats().awaitingClientPing.add(s);
    }

    @Override
    void onDeadline(EngineSessionImpl s) {
      s.pingTimedOut();
    }

    @Override
    void onPing(EngineSessionImpl s) {
      s.heartbeats().awaitingClientPing.add(s);
      s.sendHeartbeat(EnginePacket.PONG);
    }

    @Override
    void onPong(EngineSessionImpl s) {
      s.heartbeatDirectionError();
    }
  };

  /**
   * @param protocol an Engine.IO revision, 3 or 4
   * @return its rule
   */
  static HeartbeatRule forRevision(int protocol) {
    return protocol == 3 ? CLIENT_PINGS : SERVER_PINGS;
  }

  /** The session opened: start its clock. */
  abstract void start(EngineSessionImpl s);

  /** The session's clock ran out. */
  abstract void onDeadline(EngineSessionImpl s);

  /** The client sent a ping (not a probe). */
  abstract void onPing(EngineSessionImpl s);

  /** The client sent a pong. */
  abstract void onPong(EngineSessionImpl s);
}

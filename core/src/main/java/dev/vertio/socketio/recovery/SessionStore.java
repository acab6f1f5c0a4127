package dev.vertio.socketio.recovery;

import io.vertx.core.Future;

/**
 * Where disconnected sessions wait to be recovered, for at most {@code maxDisconnectionDuration}.
 * Behind an interface so that a cluster-wide store can replace the in-memory one.
 */
public interface SessionStore {

  /**
   * @param session the session of a socket that just disconnected (recoverably)
   * @return completes once stored
   */
  Future<Void> save(StoredSession session);

  /**
   * Takes a session out of the store: a session is recovered at most once.
   *
   * @param pid the private session id the client presented
   * @return the session, or null when unknown or expired
   */
  Future<StoredSession> take(String pid);

  /**
   * @return how many sessions are stored (expired ones may linger until cleaned up)
   */
  long size();

  /**
   * Waits for the saves under way, e.g. before a node shuts down, so that its sessions can be
   * recovered elsewhere.
   *
   * @return completes when every save begun so far is done
   */
  default Future<Void> flush() {
    return Future.succeededFuture();
  }
}

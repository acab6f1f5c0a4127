package dev.vertio.socketio.recovery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * Disconnected sessions in a bounded Caffeine cache: each expires {@code maxDisconnectionDuration}
 * after the disconnection, and the oldest go first when {@code maxSessions} is reached.
 */
public final class InMemorySessionStore implements SessionStore {
  private final Cache<String, StoredSession> sessions;

  /**
   * @param maxDisconnectionDuration how long a session may be recovered
   * @param maxSessions the most sessions kept
   */
  public InMemorySessionStore(Duration maxDisconnectionDuration, long maxSessions) {
    this(maxDisconnectionDuration, maxSessions, Ticker.systemTicker());
  }

  InMemorySessionStore(Duration maxDisconnectionDuration, long maxSessions, Ticker ticker) {
    this.sessions =
        Caffeine.newBuilder()
            .expireAfterWrite(maxDisconnectionDuration)
            .maximumSize(maxSessions)
            .ticker(ticker)
            .executor(Runnable::run)
            .build();
  }

  @Override
  public Future<Void> save(StoredSession session) {
    sessions.put(session.pid(), session);
    return Future.succeededFuture();
  }

  @Override
  public Future<StoredSession> take(String pid) {
    return Future.succeededFuture(pid == null ? null : sessions.asMap().remove(pid));
  }

  @Override
  public long size() {
    sessions.cleanUp();
    return sessions.estimatedSize();
  }
}

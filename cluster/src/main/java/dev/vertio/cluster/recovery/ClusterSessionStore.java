package dev.vertio.cluster.recovery;

import dev.vertio.socketio.recovery.SessionStore;
import dev.vertio.socketio.recovery.StoredSession;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Disconnected sessions in a cluster-wide {@link AsyncMap} ({@code <channel>.sessions}): any node
 * can recover a session any node stored. Each entry expires {@code maxDisconnectionDuration} after
 * it was stored (the map's TTL), and is taken with {@code remove}, which is atomic across the
 * cluster: a session is recovered at most once. Values are JSON text, so any cluster manager can
 * hold them.
 */
public final class ClusterSessionStore implements SessionStore {
  private final Future<AsyncMap<String, String>> map;
  private final long ttlMillis;
  private final Set<Future<?>> saving = ConcurrentHashMap.newKeySet();
  private final AtomicLong stored = new AtomicLong();

  /**
   * @param vertx a clustered Vert.x (a local one keeps sessions on this node)
   * @param channel the channel, which names the map
   * @param maxDisconnectionDuration how long a session may be recovered
   */
  public ClusterSessionStore(Vertx vertx, String channel, Duration maxDisconnectionDuration) {
    this.map = vertx.sharedData().<String, String>getAsyncMap(channel + ".sessions");
    this.ttlMillis = Math.max(1, maxDisconnectionDuration.toMillis());
  }

  @Override
  public Future<Void> save(StoredSession s) {
    JsonObject json =
        new JsonObject()
            .put("pid", s.pid())
            .put("sid", s.sid())
            .put("ns", s.namespace())
            .put("rooms", new JsonArray(List.copyOf(s.rooms())))
            .put("data", s.data())
            .put("last", s.lastOffset());
    Future<Void> f = map.compose(m -> m.put(s.pid(), json.encode(), ttlMillis));
    saving.add(f);
    f.onComplete(
        ar -> {
          saving.remove(f);
          if (ar.succeeded()) {
            stored.incrementAndGet();
          }
        });
    return f;
  }

  @Override
  public Future<StoredSession> take(String pid) {
    if (pid == null) {
      return Future.succeededFuture();
    }
    return map.compose(m -> m.remove(pid))
        .map(
            text -> {
              if (text == null) {
                return null;
              }
              JsonObject o = new JsonObject(text);
              Set<String> rooms = new HashSet<>();
              for (Object r : o.getJsonArray("rooms", new JsonArray())) {
                rooms.add(String.valueOf(r));
              }
              return new StoredSession(
                  o.getString("pid"),
                  o.getString("sid"),
                  o.getString("ns"),
                  rooms,
                  o.getJsonObject("data", new JsonObject()),
                  o.getString("last"));
            });
  }

  /**
   * @return how many sessions this node stored (the cluster-wide count needs a round trip)
   */
  @Override
  public long size() {
    return stored.get();
  }

  @Override
  public Future<Void> flush() {
    return Future.join(List.copyOf(saving)).transform(ar -> Future.succeededFuture());
  }
}

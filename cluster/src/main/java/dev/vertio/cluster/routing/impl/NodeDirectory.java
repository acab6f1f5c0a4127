package dev.vertio.cluster.routing.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.spi.cluster.ClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster-wide map of node tags to HTTP addresses, with a local cache. An entry whose Vert.x
 * node is no longer a member is treated as absent and removed (by whichever node notices first).
 */
final class NodeDirectory {
  private static final System.Logger LOG = System.getLogger(NodeDirectory.class.getName());

  /** How often the map is swept of the entries of departed nodes, in ms. */
  private static final long SWEEP_MS = 5_000;

  /** A node's published address and the Vert.x node id that keeps it alive. */
  record Entry(String nodeId, String host, int port) {
    SocketAddress address() {
      return SocketAddress.inetSocketAddress(port, host);
    }

    String encode() {
      return new JsonObject().put("node", nodeId).put("host", host).put("port", port).encode();
    }

    static Entry decode(String text) {
      JsonObject json = new JsonObject(text);
      return new Entry(json.getString("node"), json.getString("host"), json.getInteger("port"));
    }
  }

  private final Vertx vertx;
  private final ClusterManager cluster;
  private final AsyncMap<String, String> map;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();
  private final long sweepTimer;

  private NodeDirectory(Vertx vertx, ClusterManager cluster, AsyncMap<String, String> map) {
    this.vertx = vertx;
    this.cluster = cluster;
    this.map = map;
    this.sweepTimer = vertx.setPeriodic(SWEEP_MS, id -> sweep());
  }

  static Future<NodeDirectory> open(Vertx vertx, ClusterManager cluster, String name) {
    return vertx
        .sharedData()
        .<String, String>getAsyncMap(name)
        .map(map -> new NodeDirectory(vertx, cluster, map));
  }

  String localNodeId() {
    return cluster.getNodeId();
  }

  Future<Void> put(String tag, Entry entry) {
    cache.put(tag, entry);
    return map.put(tag, entry.encode());
  }

  Future<Void> remove(String tag) {
    cache.remove(tag);
    return map.remove(tag).mapEmpty();
  }

  /**
   * @param tag a node tag
   * @return its entry when its node is a live member, else null
   */
  Future<Entry> lookup(String tag) {
    Entry cached = cache.get(tag);
    if (cached != null) {
      if (alive(cached)) {
        return Future.succeededFuture(cached);
      }
      cache.remove(tag, cached);
      return Future.succeededFuture();
    }
    return map.get(tag)
        .map(
            text -> {
              if (text == null) {
                return null;
              }
              Entry entry;
              try {
                entry = Entry.decode(text);
              } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "unreadable routing entry for " + tag);
                return null;
              }
              if (!alive(entry)) {
                return null;
              }
              cache.put(tag, entry);
              return entry;
            });
  }

  private boolean alive(Entry entry) {
    List<String> nodes = cluster.getNodes();
    return nodes != null && nodes.contains(entry.nodeId());
  }

  /** Removes the entries of nodes that left (crashed nodes cannot remove their own). */
  private void sweep() {
    List<String> nodes = cluster.getNodes();
    if (nodes == null) {
      return;
    }
    Set<String> live = Set.copyOf(nodes);
    cache.values().removeIf(e -> !live.contains(e.nodeId()));
    map.entries()
        .onSuccess(
            all -> {
              List<String> gone = new ArrayList<>();
              for (Map.Entry<String, String> e : all.entrySet()) {
                try {
                  if (!live.contains(Entry.decode(e.getValue()).nodeId())) {
                    gone.add(e.getKey());
                  }
                } catch (RuntimeException ex) {
                  gone.add(e.getKey());
                }
              }
              for (String tag : gone) {
                map.remove(tag);
              }
            });
  }

  void close() {
    vertx.cancelTimer(sweepTimer);
    cache.clear();
  }
}

package dev.vertio.cluster.adapter.impl;

import dev.vertio.cluster.adapter.ClusterAdapterOptions;
import dev.vertio.cluster.adapter.ClusterNode;
import dev.vertio.cluster.recovery.ClusterSessionStore;
import dev.vertio.socketio.ConnectionStateRecoveryOptions;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.adapter.Adapter;
import dev.vertio.socketio.adapter.AdapterHost;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node of the channel: its consumers, its ordered sender, liveness of the other nodes, the
 * requests it waits on, and the cluster adapter of each namespace.
 *
 * <p>Ordering: every message this node sends goes through one queue drained on one context, in the
 * order it was queued, so the event bus (which keeps the order of one sender's messages to one
 * receiver) delivers them in that order: a broadcast queued before a join is applied first.
 */
public final class ClusterNodeImpl implements ClusterNode {
  private static final System.Logger LOG = System.getLogger(ClusterNodeImpl.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();

  private final VertxInternal vertx;
  private final ClusterAdapterOptions options;
  private final String id;
  private final String opsAddress;
  private final String cmNodeId;
  private final ClusterManager clusterManager;
  private final ContextInternal sendContext;
  private final ConcurrentLinkedQueue<Runnable> outbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final Map<String, NodeInfo> nodes = new ConcurrentHashMap<>();
  private final Map<String, ClusterAdapterImpl> adapters = new ConcurrentHashMap<>();
  private final Map<Long, PendingRequest> pending = new ConcurrentHashMap<>();

  /** Nodes taken as gone: their late messages are ignored unless they prove they are back. */
  private final Set<String> departed = ConcurrentHashMap.newKeySet();

  private final AtomicLong requestIds = new AtomicLong();
  private final RateLimitedWarning malformed = new RateLimitedWarning(LOG, 10_000);
  private MessageConsumer<Buffer> opsConsumer;
  private MessageConsumer<Buffer> nodeConsumer;
  private long timer = -1;
  private volatile boolean closed;

  private static final class NodeInfo {
    volatile long lastSeen;
    volatile String cmNodeId;
  }

  private ClusterNodeImpl(Vertx vertx, ClusterAdapterOptions options) {
    this.vertx = (VertxInternal) vertx;
    this.options = options;
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    this.id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    this.opsAddress = options.getChannel() + ".ops";
    this.clusterManager = this.vertx.clusterManager();
    this.cmNodeId = clusterManager == null ? null : clusterManager.getNodeId();
    this.sendContext = this.vertx.createEventLoopContext();
  }

  /**
   * @param vertx the (clustered) Vert.x
   * @param options settings
   * @return the started node
   */
  public static Future<ClusterNodeImpl> start(Vertx vertx, ClusterAdapterOptions options) {
    ClusterNodeImpl node = new ClusterNodeImpl(vertx, options);
    return node.begin().map(v -> node);
  }

  private Future<Void> begin() {
    opsConsumer = vertx.eventBus().consumer(opsAddress, this::onMessage);
    nodeConsumer = vertx.eventBus().consumer(nodeAddress(id), this::onMessage);
    return Future.all(opsConsumer.completion(), nodeConsumer.completion())
        .map(
            v -> {
              publish(heartbeat());
              long every = Math.max(50, options.getHeartbeatInterval().toMillis());
              timer = vertx.setPeriodic(every, every, t -> tick());
              return null;
            });
  }

  private String nodeAddress(String node) {
    return options.getChannel() + ".node." + node;
  }

  private ClusterMessage heartbeat() {
    return new ClusterMessage(
        ClusterMessage.Type.HEARTBEAT,
        id,
        0,
        0,
        "",
        0,
        Set.of(),
        Set.of(),
        cmNodeId == null ? Set.of() : Set.of(cmNodeId),
        0,
        "",
        List.of());
  }

  @Override
  public String id() {
    return id;
  }

  /**
   * @return the settings
   */
  public ClusterAdapterOptions options() {
    return options;
  }

  /**
   * @return the Vert.x instance
   */
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public Set<String> nodes() {
    return Set.copyOf(nodes.keySet());
  }

  @Override
  public Adapter adapter(AdapterHost host) {
    ClusterAdapterImpl adapter = new ClusterAdapterImpl(this, host);
    adapters.put(host.name(), adapter);
    return adapter;
  }

  @Override
  public SocketIoOptions configure(SocketIoOptions options) {
    options.setAdapterFactory(this::adapter);
    ConnectionStateRecoveryOptions recovery = options.getConnectionStateRecovery();
    if (recovery != null) {
      String channel = this.options.getChannel();
      recovery.setSessionStoreFactory(
          (vx, ro) -> new ClusterSessionStore(vx, channel, ro.getMaxDisconnectionDuration()));
    }
    return options;
  }

  // ------------------------------------------------------------------ sending (ordered)

  /** Publishes a message to every node (this one ignores its own). */
  void publish(ClusterMessage m) {
    Buffer bytes = ClusterCodec.encode(m);
    enqueue(() -> vertx.eventBus().publish(opsAddress, bytes));
  }

  /** Sends a message to one node. */
  void send(String node, ClusterMessage m) {
    Buffer bytes = ClusterCodec.encode(m);
    enqueue(() -> vertx.eventBus().send(nodeAddress(node), bytes));
  }

  private void enqueue(Runnable send) {
    outbox.add(send);
    if (draining.compareAndSet(false, true)) {
      sendContext.runOnContext(v -> drain());
    }
  }

  private void drain() {
    while (true) {
      Runnable r;
      while ((r = outbox.poll()) != null) {
        try {
          r.run();
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "cluster send failed", e);
        }
      }
      draining.set(false);
      if (outbox.isEmpty() || !draining.compareAndSet(false, true)) {
        return;
      }
    }
  }

  // ------------------------------------------------------------------ requests

  /**
   * Sends a request to every other live node and waits for their answers.
   *
   * @param build makes the request message from its id; null for no other node
   * @param request tracks the answers
   * @return the request, started
   */
  <T extends PendingRequest> T request(
      java.util.function.LongFunction<ClusterMessage> build, T request) {
    Set<String> targets = build == null ? Set.of() : new HashSet<>(nodes.keySet());
    long rid = requestIds.incrementAndGet();
    pending.put(rid, request);
    request.start(rid, targets, vertx, () -> pending.remove(rid));
    if (!targets.isEmpty()) {
      publish(build.apply(rid));
    }
    return request;
  }

  // ------------------------------------------------------------------ receiving

  private void onMessage(Message<Buffer> message) {
    ClusterMessage m;
    try {
      m = ClusterCodec.decode(message.body());
    } catch (ClusterCodec.MalformedMessageException e) {
      malformed.warn("dropped a malformed cluster message: " + e.getMessage());
      return;
    } catch (RuntimeException e) {
      malformed.warn("dropped an unreadable cluster message: " + e);
      return;
    }
    if (m.origin().equals(id) || closed) {
      return;
    }
    try {
      dispatch(m);
    } catch (RuntimeException e) {
      malformed.warn("cluster message " + m.type() + " from " + m.origin() + " failed: " + e);
    }
  }

  private void dispatch(ClusterMessage m) {
    if (m.type() == ClusterMessage.Type.BYE) {
      departed(m.origin(), "left");
      return;
    }
    if (!seen(m)) {
      return;
    }
    switch (m.type()) {
      case HEARTBEAT:
        break;
      case RESPONSE:
      case ACK:
        PendingRequest p = pending.get(m.requestId());
        if (p != null) {
          p.onMessage(m);
        }
        break;
      default:
        ClusterAdapterImpl adapter = adapters.get(m.namespace());
        if (adapter != null) {
          adapter.onRemote(m);
        } else if (m.requestId() != 0) {
          // a namespace this node does not have: nothing to do here, but the origin waits
          send(
              m.origin(),
              ClusterMessage.of(ClusterMessage.Type.RESPONSE, id)
                  .withRequest(m.requestId(), ClusterMessage.NO_LISTENER));
        }
        break;
    }
  }

  /**
   * @return false for a late message of a node taken as gone
   */
  private boolean seen(ClusterMessage m) {
    NodeInfo info = nodes.get(m.origin());
    if (info == null && departed.contains(m.origin())) {
      // back only with a heartbeat while its cluster member is still there (a long pause)
      boolean back =
          m.type() == ClusterMessage.Type.HEARTBEAT
              && !m.extra().isEmpty()
              && clusterManager != null
              && clusterManager.getNodes().contains(m.extra().iterator().next());
      if (!back) {
        return false;
      }
      departed.remove(m.origin());
    }
    if (info == null) {
      info = new NodeInfo();
      NodeInfo raced = nodes.putIfAbsent(m.origin(), info);
      if (raced == null) {
        LOG.log(Level.DEBUG, "node " + m.origin() + " joined the channel");
        // a node that just came needs to know of this one at once, not at the next heartbeat,
        // and the numbers of its broadcasts (published: in order with them)
        send(m.origin(), heartbeat());
        for (ClusterAdapterImpl adapter : adapters.values()) {
          adapter.publishSeq();
        }
      } else {
        info = raced;
      }
    }
    info.lastSeen = System.nanoTime();
    if (m.type() == ClusterMessage.Type.HEARTBEAT && !m.extra().isEmpty()) {
      info.cmNodeId = m.extra().iterator().next();
    }
    return true;
  }

  /** Every heartbeat interval: say this node is alive and forget the nodes that are gone. */
  private void tick() {
    if (closed) {
      return;
    }
    publish(heartbeat());
    for (ClusterAdapterImpl adapter : adapters.values()) {
      adapter.publishSeq();
    }
    long now = System.nanoTime();
    long timeout = options.getNodeTimeout().toNanos();
    List<String> members = clusterManager == null ? null : clusterManager.getNodes();
    for (Map.Entry<String, NodeInfo> e : nodes.entrySet()) {
      NodeInfo info = e.getValue();
      if (now - info.lastSeen > timeout) {
        departed(e.getKey(), "missed its heartbeats");
      } else if (members != null && info.cmNodeId != null && !members.contains(info.cmNodeId)) {
        departed(e.getKey(), "left the cluster");
      }
    }
  }

  /** A node is gone: requests stop waiting for it. */
  void departed(String node, String why) {
    departed.add(node);
    if (nodes.remove(node) == null) {
      return;
    }
    LOG.log(Level.INFO, "cluster node " + node + " " + why);
    for (PendingRequest p : pending.values()) {
      p.onNodeLeft(node);
    }
  }

  /**
   * @return true when every namespace with a cluster recovery log knows the broadcast numbers of
   *     every live node (within a heartbeat interval of a join)
   */
  public boolean knowsEveryNode() {
    for (ClusterAdapterImpl adapter : adapters.values()) {
      if (!adapter.knowsOrigins(nodes.keySet())) {
        return false;
      }
    }
    return true;
  }

  /**
   * @param paused true to stop handling messages from other nodes (tests: a stuck node)
   */
  public void pauseForTests(boolean paused) {
    if (paused) {
      opsConsumer.pause();
      nodeConsumer.pause();
    } else {
      opsConsumer.resume();
      nodeConsumer.resume();
    }
  }

  @Override
  public Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    publish(ClusterMessage.of(ClusterMessage.Type.BYE, id));
    closed = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    for (PendingRequest p : pending.values()) {
      p.onClose();
    }
    // unregister once the "bye" is out
    io.vertx.core.Promise<Void> sent = io.vertx.core.Promise.promise();
    enqueue(() -> sent.complete());
    return sent.future()
        .compose(v -> Future.join(opsConsumer.unregister(), nodeConsumer.unregister()))
        .mapEmpty();
  }
}

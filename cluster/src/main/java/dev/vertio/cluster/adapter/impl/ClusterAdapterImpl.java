package dev.vertio.cluster.adapter.impl;

import dev.vertio.cluster.adapter.ClusterRequestException;
import dev.vertio.cluster.recovery.ClusterRecoveryLog;
import dev.vertio.socketio.ConnectionStateRecoveryOptions;
import dev.vertio.socketio.RemoteSocket;
import dev.vertio.socketio.adapter.Adapter;
import dev.vertio.socketio.adapter.AdapterHost;
import dev.vertio.socketio.adapter.BroadcastOptions;
import dev.vertio.socketio.adapter.BroadcastPacket;
import dev.vertio.socketio.adapter.InMemoryAdapter;
import dev.vertio.socketio.adapter.LocalSocket;
import dev.vertio.socketio.parser.SocketPacket;
import dev.vertio.socketio.parser.SocketPacketEncoder;
import dev.vertio.socketio.parser.SocketPacketType;
import dev.vertio.socketio.recovery.RecoveryLog;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cluster adapter of one namespace: rooms and delivery to this node's sockets are the {@link
 * InMemoryAdapter}'s; what targets other nodes is published on the channel, encoded once, and each
 * node delivers to its own sockets (a socket lives on one node: exactly once).
 */
final class ClusterAdapterImpl implements Adapter {
  /** Ack ids of broadcasts from other nodes, far from this namespace's own counter. */
  private static final AtomicLong REMOTE_ACK_IDS = new AtomicLong(1L << 40);

  private final ClusterNodeImpl node;
  private final AdapterHost host;
  private final InMemoryAdapter local;
  private final SocketPacketEncoder encoder = new SocketPacketEncoder();
  private volatile ClusterRecoveryLog log;

  ClusterAdapterImpl(ClusterNodeImpl node, AdapterHost host) {
    this.node = node;
    this.host = host;
    this.local = new InMemoryAdapter(host);
  }

  @Override
  public RecoveryLog recoveryLog(ConnectionStateRecoveryOptions options) {
    ClusterRecoveryLog l =
        new ClusterRecoveryLog(node.id(), options, id -> host.localSocket(id) != null);
    log = l;
    return l;
  }

  // ------------------------------------------------------------------ this node's rooms

  @Override
  public void addAll(String id, Set<String> rooms) {
    local.addAll(id, rooms);
  }

  @Override
  public void del(String id, String room) {
    local.del(id, room);
  }

  @Override
  public void delAll(String id) {
    local.delAll(id);
    ClusterRecoveryLog l = log;
    if (l != null) {
      l.forget(id);
    }
  }

  @Override
  public Set<String> socketRooms(String id) {
    return local.socketRooms(id);
  }

  @Override
  public Set<String> sockets(Set<String> rooms) {
    return local.sockets(rooms);
  }

  @Override
  public Set<String> rooms() {
    return local.rooms();
  }

  @Override
  public int roomCount() {
    return local.roomCount();
  }

  // ------------------------------------------------------------------ broadcasts

  private static int flags(BroadcastOptions o) {
    return (o.volatile_() ? ClusterMessage.VOLATILE : 0)
        | (o.compress() ? ClusterMessage.COMPRESS : 0);
  }

  private ClusterMessage message(
      ClusterMessage.Type type,
      long seq,
      BroadcastOptions o,
      int moreFlags,
      Set<String> extra,
      JsonArray data) {
    SocketPacketEncoder.Encoded enc = data == null ? null : Packets.encode(data);
    return new ClusterMessage(
        type,
        node.id(),
        seq,
        0,
        host.name(),
        flags(o) | moreFlags,
        o.rooms(),
        o.except(),
        extra,
        0,
        enc == null ? "" : enc.text(),
        enc == null ? List.of() : enc.attachments());
  }

  /**
   * @return the arguments of event data: all but the name
   */
  private static JsonArray tail(JsonArray data) {
    JsonArray out = new JsonArray(new ArrayList<>(Math.max(0, data.size() - 1)));
    for (int i = 1; i < data.size(); i++) {
      out.add(data.getValue(i));
    }
    return out;
  }

  private static JsonArray eventData(BroadcastPacket packet) {
    JsonArray data = new JsonArray(new ArrayList<>(packet.args().size() + 1));
    data.add(packet.event());
    packet.args().forEach(data::add);
    return data;
  }

  @Override
  public Future<Void> broadcast(BroadcastPacket packet, BroadcastOptions options) {
    Future<Void> delivered = local.broadcast(packet, options);
    if (!options.local()) {
      // Called inside the log's atomically() when the event is logged: the sequence number and
      // the place in the outbox are taken together, so other nodes log it in this order.
      ClusterRecoveryLog l = log;
      long seq = l == null || options.volatile_() ? 0 : l.takeReservedSeq();
      node.publish(
          message(ClusterMessage.Type.BROADCAST, seq, options, 0, Set.of(), eventData(packet)));
    }
    return delivered;
  }

  private void onBroadcast(ClusterMessage m) {
    JsonArray data = Packets.decode(m.text(), m.attachments());
    if (data == null || data.isEmpty() || !(data.getValue(0) instanceof String event)) {
      throw new IllegalArgumentException("broadcast without a valid event");
    }
    JsonArray args = tail(data);
    BroadcastOptions options = options(m);
    ClusterRecoveryLog l = log;
    if (l == null || m.seq() <= 0 || options.volatile_()) {
      local.broadcast(packet(data, event, args, SocketPacket.NO_ID), options);
      return;
    }
    l.atomically(
        () -> {
          String offset = l.reserveRemote(m.origin(), m.seq());
          if (offset == null) {
            return null; // seen already
          }
          JsonArray withOffset = data.copy().add(offset);
          BroadcastPacket packet = packet(withOffset, event, args, SocketPacket.NO_ID);
          l.append(offset, options, packet.enginepackets());
          local.broadcast(packet, options);
          return null;
        });
  }

  private BroadcastPacket packet(JsonArray data, String event, JsonArray args, long ackId) {
    return new BroadcastPacket(
        new SocketPacket(SocketPacketType.EVENT, host.name(), ackId, data), event, args, encoder);
  }

  private static BroadcastOptions options(ClusterMessage m) {
    return new BroadcastOptions(
        m.rooms(),
        m.except(),
        m.has(ClusterMessage.VOLATILE),
        m.has(ClusterMessage.COMPRESS),
        true);
  }

  /** The sockets of this node a broadcast targets. */
  private List<LocalSocket> localTargets(BroadcastOptions o) {
    Set<String> ids = new LinkedHashSet<>(local.sockets(o.rooms()));
    if (!o.except().isEmpty()) {
      ids.removeAll(local.sockets(o.except()));
    }
    List<LocalSocket> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      LocalSocket s = host.localSocket(id);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private static void deliver(
      List<LocalSocket> targets,
      BroadcastPacket packet,
      BroadcastOptions o,
      Handler<JsonArray> onAck) {
    for (LocalSocket s : targets) {
      s.context().runOnContext(v -> s.deliver(packet, o, onAck));
    }
  }

  @Override
  public Future<List<JsonArray>> broadcastWithAck(
      BroadcastPacket packet, BroadcastOptions options, Duration timeout) {
    AckBroadcastRequest request = new AckBroadcastRequest(timeout);
    List<LocalSocket> targets = localTargets(options);
    request.addLocal(targets.size());
    deliver(targets, packet, options, request::localAnswer);
    if (options.local()) {
      node.request(null, request); // no other node: completes with the local answers
    } else {
      ClusterMessage m =
          message(ClusterMessage.Type.BROADCAST_ACK, 0, options, 0, Set.of(), eventData(packet));
      node.request(rid -> m.withRequest(rid, m.flags()).withCount(timeout.toMillis()), request);
    }
    return request.answers();
  }

  private void onBroadcastWithAck(ClusterMessage m) {
    JsonArray data = Packets.decode(m.text(), m.attachments());
    List<LocalSocket> targets = List.of();
    BroadcastOptions options = options(m);
    if (data != null && !data.isEmpty() && data.getValue(0) instanceof String) {
      targets = localTargets(options);
    }
    node.send(
        m.origin(),
        ClusterMessage.of(ClusterMessage.Type.RESPONSE, node.id())
            .withRequest(m.requestId(), 0)
            .withCount(targets.size()));
    if (targets.isEmpty()) {
      return;
    }
    String event = data.getString(0);
    JsonArray args = tail(data);
    BroadcastPacket packet = packet(data, event, args, REMOTE_ACK_IDS.getAndIncrement());
    deliver(
        targets,
        packet,
        options,
        answer -> {
          SocketPacketEncoder.Encoded enc = Packets.encode(answer);
          node.send(
              m.origin(),
              new ClusterMessage(
                  ClusterMessage.Type.ACK,
                  node.id(),
                  0,
                  m.requestId(),
                  host.name(),
                  0,
                  Set.of(),
                  Set.of(),
                  Set.of(),
                  0,
                  enc.text(),
                  enc.attachments()));
        });
  }

  // ------------------------------------------------------------------ requests

  private Future<List<ClusterMessage>> ask(
      ClusterMessage.Type type,
      BroadcastOptions o,
      int flags,
      Set<String> extra,
      JsonArray data,
      Duration timeout) {
    ClusterMessage m = message(type, 0, o, flags, extra, data);
    PendingRequest request = new PendingRequest(type.name().toLowerCase(), timeout);
    node.request(rid -> m.withRequest(rid, m.flags()), request);
    return request.future();
  }

  /** The operator's timeout when it set one, else the node's request timeout. */
  private Duration requestTimeout(BroadcastOptions o) {
    return o.timeout() != null ? o.timeout() : node.options().getRequestTimeout();
  }

  /** Runs the local part and, unless local, asks the others; failures keep the partial part. */
  private Future<Void> everywhere(
      Future<Void> here,
      ClusterMessage.Type type,
      BroadcastOptions o,
      int flags,
      Set<String> extra) {
    if (o.local()) {
      return here;
    }
    Future<List<ClusterMessage>> there = ask(type, o, flags, extra, null, requestTimeout(o));
    return Future.join(here, there)
        .transform(
            ar -> {
              if (there.failed() && there.cause() instanceof PendingRequest.Incomplete) {
                return Future.failedFuture(
                    new ClusterRequestException(
                        type.name().toLowerCase(), List.of(), Answers.missing(there)));
              }
              return ar.succeeded() ? Future.succeededFuture() : Future.failedFuture(ar.cause());
            });
  }

  @Override
  public Future<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
    Future<List<RemoteSocket>> here = local.fetchSockets(options);
    if (options.local()) {
      return here;
    }
    Future<List<ClusterMessage>> there =
        ask(ClusterMessage.Type.FETCH_SOCKETS, options, 0, Set.of(), null, requestTimeout(options));
    return here.compose(
        mine ->
            there.transform(
                ar -> {
                  List<RemoteSocket> all = new ArrayList<>(mine);
                  for (ClusterMessage a : Answers.received(ar)) {
                    if (!a.text().isEmpty()) {
                      all.addAll(ClusterRemoteSocket.fromJson(host.namespace(), a.text()));
                    }
                  }
                  if (ar.failed()) {
                    return Future.failedFuture(
                        new ClusterRequestException("fetchSockets", all, Answers.missing(ar)));
                  }
                  return Future.succeededFuture(all);
                }));
  }

  @Override
  public Future<Void> addSockets(BroadcastOptions options, Set<String> rooms) {
    return everywhere(
        local.addSockets(options, rooms), ClusterMessage.Type.ADD_SOCKETS, options, 0, rooms);
  }

  @Override
  public Future<Void> delSockets(BroadcastOptions options, Set<String> rooms) {
    return everywhere(
        local.delSockets(options, rooms), ClusterMessage.Type.DEL_SOCKETS, options, 0, rooms);
  }

  @Override
  public Future<Void> disconnectSockets(BroadcastOptions options, boolean close) {
    return everywhere(
        local.disconnectSockets(options, close),
        ClusterMessage.Type.DISCONNECT_SOCKETS,
        options,
        close ? ClusterMessage.CLOSE : 0,
        Set.of());
  }

  // ------------------------------------------------------------------ server-side emit

  @Override
  public Future<Void> serverSideEmit(String event, JsonArray args) {
    JsonArray data = new JsonArray().add(event);
    args.forEach(data::add);
    node.publish(
        message(ClusterMessage.Type.SERVER_SIDE_EMIT, 0, BroadcastOptions.ALL, 0, Set.of(), data));
    return Future.succeededFuture();
  }

  @Override
  public Future<List<JsonArray>> serverSideEmitWithAck(
      String event, JsonArray args, Duration timeout) {
    JsonArray data = new JsonArray().add(event);
    args.forEach(data::add);
    return ask(
            ClusterMessage.Type.SERVER_SIDE_EMIT_ACK,
            BroadcastOptions.ALL,
            0,
            Set.of(),
            data,
            timeout)
        .transform(ar -> Answers.acks("serverSideEmitWithAck", ar));
  }

  private void onServerSideEmit(ClusterMessage m, boolean withAck) {
    JsonArray data = Packets.decode(m.text(), m.attachments());
    if (data == null || data.isEmpty() || !(data.getValue(0) instanceof String event)) {
      throw new IllegalArgumentException("serverSideEmit without a valid event");
    }
    JsonArray args = tail(data);
    Handler<JsonArray> ack =
        !withAck
            ? null
            : answer -> {
              SocketPacketEncoder.Encoded enc = Packets.encode(answer);
              node.send(
                  m.origin(),
                  new ClusterMessage(
                      ClusterMessage.Type.RESPONSE,
                      node.id(),
                      0,
                      m.requestId(),
                      host.name(),
                      0,
                      Set.of(),
                      Set.of(),
                      Set.of(),
                      0,
                      enc.text(),
                      enc.attachments()));
            };
    boolean handled = host.onServerSideEmit(event, args, ack);
    if (withAck && !handled) {
      respond(m, ClusterMessage.NO_LISTENER, "");
    }
  }

  // ------------------------------------------------------------------ from other nodes

  private void respond(ClusterMessage request, int flags, String text) {
    node.send(
        request.origin(),
        new ClusterMessage(
            ClusterMessage.Type.RESPONSE,
            node.id(),
            0,
            request.requestId(),
            host.name(),
            flags,
            Set.of(),
            Set.of(),
            Set.of(),
            0,
            text,
            List.of()));
  }

  /**
   * @return true when the recovery log (if any) knows every one of these origins
   */
  boolean knowsOrigins(Set<String> nodes) {
    ClusterRecoveryLog l = log;
    return l == null || l.knows(nodes);
  }

  /**
   * Tells the other nodes the number of this node's last logged broadcast, in order with them, and
   * forgets origins long gone.
   */
  void publishSeq() {
    ClusterRecoveryLog l = log;
    if (l != null) {
      l.prune(node.nodes());
      l.atomically(
          () -> {
            node.publish(
                new ClusterMessage(
                    ClusterMessage.Type.SEQ,
                    node.id(),
                    l.ownSeq(),
                    0,
                    host.name(),
                    0,
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    0,
                    "",
                    List.of()));
            return null;
          });
    }
  }

  /** A message of another node for this namespace; on the node's consumer context. */
  void onRemote(ClusterMessage m) {
    BroadcastOptions o = options(m);
    switch (m.type()) {
      case SEQ -> {
        ClusterRecoveryLog l = log;
        if (l != null) {
          l.learn(m.origin(), m.seq());
        }
      }
      case BROADCAST -> onBroadcast(m);
      case BROADCAST_ACK -> onBroadcastWithAck(m);
      case FETCH_SOCKETS ->
          local
              .fetchSockets(o)
              .onComplete(
                  ar ->
                      respond(
                          m,
                          0,
                          ClusterRemoteSocket.toJson(ar.succeeded() ? ar.result() : List.of())));
      case ADD_SOCKETS -> local.addSockets(o, m.extra()).onComplete(ar -> respond(m, 0, ""));
      case DEL_SOCKETS -> local.delSockets(o, m.extra()).onComplete(ar -> respond(m, 0, ""));
      case DISCONNECT_SOCKETS ->
          local
              .disconnectSockets(o, m.has(ClusterMessage.CLOSE))
              .onComplete(ar -> respond(m, 0, ""));
      case SERVER_SIDE_EMIT -> onServerSideEmit(m, false);
      case SERVER_SIDE_EMIT_ACK -> onServerSideEmit(m, true);
      default -> {}
    }
  }
}

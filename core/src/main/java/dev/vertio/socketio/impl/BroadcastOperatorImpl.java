package dev.vertio.socketio.impl;

import dev.vertio.socketio.AckTimeoutException;
import dev.vertio.socketio.BroadcastOperator;
import dev.vertio.socketio.RemoteSocket;
import dev.vertio.socketio.adapter.BroadcastOptions;
import dev.vertio.socketio.adapter.BroadcastPacket;
import dev.vertio.socketio.parser.SocketPacket;
import dev.vertio.socketio.parser.SocketPacketType;
import dev.vertio.socketio.recovery.RecoveryLog;
import dev.vertio.socketio.shared.JsonArgs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An immutable broadcast target: rooms, exclusions and flags over one namespace (or every child of
 * a parent namespace). Each emit builds its packet once per namespace.
 */
final class BroadcastOperatorImpl implements BroadcastOperator {
  private final Supplier<List<NamespaceImpl>> namespaces;
  private final Set<String> rooms;
  private final Set<String> except;
  private final boolean volatile_;
  private final boolean compress;
  private final boolean local;
  private final Duration timeout;

  BroadcastOperatorImpl(Supplier<List<NamespaceImpl>> namespaces) {
    this(namespaces, Set.of(), Set.of(), false, true, false, null);
  }

  private BroadcastOperatorImpl(
      Supplier<List<NamespaceImpl>> namespaces,
      Set<String> rooms,
      Set<String> except,
      boolean volatile_,
      boolean compress,
      boolean local,
      Duration timeout) {
    this.namespaces = namespaces;
    this.rooms = rooms;
    this.except = except;
    this.volatile_ = volatile_;
    this.compress = compress;
    this.local = local;
    this.timeout = timeout;
  }

  private static Set<String> union(Set<String> a, String[] b) {
    Set<String> s = new LinkedHashSet<>(a);
    for (String r : b) {
      s.add(r);
    }
    return s;
  }

  @Override
  public BroadcastOperator to(String... rooms) {
    return new BroadcastOperatorImpl(
        namespaces, union(this.rooms, rooms), except, volatile_, compress, local, timeout);
  }

  @Override
  public BroadcastOperator in(String... rooms) {
    return to(rooms);
  }

  @Override
  public BroadcastOperator except(String... rooms) {
    return new BroadcastOperatorImpl(
        namespaces, this.rooms, union(except, rooms), volatile_, compress, local, timeout);
  }

  @Override
  public BroadcastOperator volatile_() {
    return new BroadcastOperatorImpl(namespaces, rooms, except, true, compress, local, timeout);
  }

  @Override
  public BroadcastOperator compress(boolean compress) {
    return new BroadcastOperatorImpl(
        namespaces, rooms, except, volatile_, compress, local, timeout);
  }

  @Override
  public BroadcastOperator local() {
    return new BroadcastOperatorImpl(namespaces, rooms, except, volatile_, compress, true, timeout);
  }

  @Override
  public BroadcastOperator timeout(Duration timeout) {
    return new BroadcastOperatorImpl(
        namespaces, rooms, except, volatile_, compress, local, timeout);
  }

  private BroadcastOptions options() {
    return new BroadcastOptions(rooms, except, volatile_, compress, local, timeout);
  }

  @Override
  public Future<Void> emit(String event, Object... args) {
    return JsonArgs.checkedEventData(event, args)
        .compose(
            data -> {
              JsonArray plainArgs = new JsonArray(data.getList().subList(1, data.size()));
              BroadcastOptions opts = options();
              List<Future<Void>> all = new ArrayList<>(1);
              for (NamespaceImpl ns : namespaces.get()) {
                RecoveryLog log = volatile_ ? null : ns.log();
                if (log == null) {
                  SocketPacket packet =
                      new SocketPacket(SocketPacketType.EVENT, ns.name(), SocketPacket.NO_ID, data);
                  all.add(
                      ns.adapter()
                          .broadcast(
                              new BroadcastPacket(packet, event, plainArgs, ns.encoder()), opts));
                  continue;
                }
                // Recovery: the offset is the last argument; the event is logged once for every
                // target,
                // before it is delivered and together with the choice of recipients
                // (RecoveryLog#atomically).
                all.add(
                    log.atomically(
                        () -> {
                          String offset = log.reserve(opts);
                          SocketPacket packet =
                              new SocketPacket(
                                  SocketPacketType.EVENT,
                                  ns.name(),
                                  SocketPacket.NO_ID,
                                  data.copy().add(offset));
                          BroadcastPacket broadcast =
                              new BroadcastPacket(packet, event, plainArgs, ns.encoder());
                          log.append(offset, opts, broadcast.enginepackets());
                          return ns.adapter().broadcast(broadcast, opts);
                        }));
              }
              return all.size() == 1 ? all.get(0) : Future.all(all).mapEmpty();
            });
  }

  @Override
  public Future<List<JsonArray>> emitWithAck(String event, Object... args) {
    if (timeout == null) {
      return Future.failedFuture(
          new IllegalStateException(
              "a broadcast with acknowledgements needs a timeout: use timeout(...) first"));
    }
    return JsonArgs.checkedEventData(event, args)
        .compose(
            data -> {
              JsonArray plainArgs = new JsonArray(data.getList().subList(1, data.size()));
              BroadcastOptions opts = options();
              List<Future<List<JsonArray>>> all = new ArrayList<>(1);
              for (NamespaceImpl ns : namespaces.get()) {
                SocketPacket packet =
                    new SocketPacket(SocketPacketType.EVENT, ns.name(), ns.nextAckId(), data);
                all.add(
                    ns.adapter()
                        .broadcastWithAck(
                            new BroadcastPacket(packet, event, plainArgs, ns.encoder()),
                            opts,
                            timeout)
                        .onFailure(
                            t -> {
                              if (t instanceof AckTimeoutException) {
                                ns.listeners().ackTimedOut(ns);
                              }
                            }));
              }
              return flatten(all);
            });
  }

  private static <T> Future<List<T>> flatten(List<Future<List<T>>> all) {
    if (all.size() == 1) {
      return all.get(0);
    }
    return Future.all(all)
        .map(
            cf -> {
              List<T> out = new ArrayList<>();
              for (Future<List<T>> f : all) {
                out.addAll(f.result());
              }
              return out;
            });
  }

  private <T> Future<List<T>> each(Function<NamespaceImpl, Future<List<T>>> op) {
    List<Future<List<T>>> all = new ArrayList<>();
    for (NamespaceImpl ns : namespaces.get()) {
      all.add(op.apply(ns));
    }
    return flatten(all);
  }

  private Future<Void> eachVoid(Function<NamespaceImpl, Future<Void>> op) {
    List<Future<Void>> all = new ArrayList<>();
    for (NamespaceImpl ns : namespaces.get()) {
      all.add(op.apply(ns));
    }
    return Future.all(all).mapEmpty();
  }

  @Override
  public Future<List<RemoteSocket>> fetchSockets() {
    BroadcastOptions opts = options();
    return each(ns -> ns.adapter().fetchSockets(opts));
  }

  @Override
  public Future<Void> socketsJoin(String... rooms) {
    BroadcastOptions opts = options();
    Set<String> set = Set.of(rooms);
    return eachVoid(ns -> ns.adapter().addSockets(opts, set));
  }

  @Override
  public Future<Void> socketsLeave(String... rooms) {
    BroadcastOptions opts = options();
    Set<String> set = Set.of(rooms);
    return eachVoid(ns -> ns.adapter().delSockets(opts, set));
  }

  @Override
  public Future<Void> disconnectSockets(boolean close) {
    BroadcastOptions opts = options();
    return eachVoid(ns -> ns.adapter().disconnectSockets(opts, close));
  }
}

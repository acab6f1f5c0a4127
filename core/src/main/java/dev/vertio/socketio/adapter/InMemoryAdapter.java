package dev.vertio.socketio.adapter;

import dev.vertio.socketio.AckTimeoutException;
import dev.vertio.socketio.RemoteSocket;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Rooms and broadcasts of one namespace on one node. Room members are held as direct references to
 * the sockets, grouped by event loop ({@link Membership}), so sockets on different event loops may
 * join and leave at once, and a broadcast walks each loop's members on that loop in one task,
 * without a lookup by id or an allocation per recipient ({@link Fanout}); every recipient shares
 * the packet's single encoding.
 */
public class InMemoryAdapter implements Adapter {
  private static final Member[] NO_MEMBERS = new Member[0];

  /** The namespace served. */
  protected final AdapterHost host;

  private final Membership membership;
  private final Room[] everyoneOnly;

  /**
   * @param host the namespace
   */
  public InMemoryAdapter(AdapterHost host) {
    this.host = host;
    this.membership = new Membership(host);
    this.everyoneOnly = new Room[] {membership.everyone};
  }

  @Override
  public void addAll(String id, Set<String> rooms) {
    for (String room : membership.addAll(id, rooms)) {
      host.onJoin(id, room);
    }
  }

  @Override
  public void del(String id, String room) {
    if (membership.del(id, room)) {
      host.onLeave(id, room);
    }
  }

  @Override
  public void delAll(String id) {
    for (String room : membership.delAll(id)) {
      host.onLeave(id, room);
    }
  }

  @Override
  public Set<String> socketRooms(String id) {
    return membership.socketRooms(id);
  }

  @Override
  public Set<String> sockets(Set<String> rooms) {
    return targets(new BroadcastOptions(rooms, Set.of(), false, true, true));
  }

  @Override
  public Set<String> rooms() {
    return membership.rooms();
  }

  @Override
  public int roomCount() {
    return membership.roomCount();
  }

  /**
   * @param options targets
   * @return ids of the targeted sockets of this node
   */
  protected Set<String> targets(BroadcastOptions options) {
    Set<String> ids = new LinkedHashSet<>();
    for (Member m : membership.targets(options)) {
      ids.add(m.id);
    }
    return ids;
  }

  /**
   * @return the targeted sockets connected to this node
   */
  private List<LocalSocket> localTargets(BroadcastOptions options) {
    List<LocalSocket> found = new ArrayList<>();
    for (Member m : membership.targets(options)) {
      if (m.socket != null) {
        found.add(m.socket);
      }
    }
    return found;
  }

  @Override
  public Future<Void> broadcast(BroadcastPacket packet, BroadcastOptions options) {
    Set<String> names = options.rooms();
    Set<String> except = options.except();
    Room[] rooms;
    Member[] targets = NO_MEMBERS;
    int targetRooms;
    if (names.isEmpty() && except.isEmpty()) {
      rooms = everyoneOnly;
      targetRooms = 1;
    } else {
      targetRooms = names.isEmpty() ? 1 : names.size();
      rooms = new Room[targetRooms + except.size()];
      if (names.isEmpty()) {
        rooms[0] = membership.everyone;
      } else {
        targets = new Member[names.size()];
        resolve(names, rooms, 0, targets);
      }
    }
    Member[] excluded = NO_MEMBERS;
    if (!except.isEmpty()) {
      excluded = new Member[except.size()];
      resolve(except, rooms, targetRooms, excluded);
    }
    new Fanout(host, packet, options, membership.loops(), rooms, targetRooms, targets, excluded)
        .start();
    return Future.succeededFuture();
  }

  /** Each name's room at {@code rooms[from + k]} and its own socket at {@code owners[k]}. */
  private void resolve(Set<String> names, Room[] rooms, int from, Member[] owners) {
    int k = 0;
    for (String name : names) {
      rooms[from + k] = membership.room(name);
      owners[k] = membership.owner(name);
      k++;
    }
  }

  @Override
  public Future<List<JsonArray>> broadcastWithAck(
      BroadcastPacket packet, BroadcastOptions options, Duration timeout) {
    List<Member> recipients = new ArrayList<>();
    for (Member m : membership.targets(options)) {
      if (m.socket != null) {
        recipients.add(m);
      }
    }
    if (recipients.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Promise<List<JsonArray>> promise = Promise.promise();
    List<JsonArray> responses = new ArrayList<>(recipients.size());
    Vertx vertx = host.vertx();
    long timer =
        vertx.setTimer(
            Math.max(1, timeout.toMillis()),
            t -> {
              synchronized (responses) {
                promise.tryFail(
                    new AckTimeoutException(
                        "operation has timed out: "
                            + responses.size()
                            + " of "
                            + recipients.size()
                            + " acknowledgements received",
                        responses));
              }
            });
    int expected = recipients.size();
    Handler<JsonArray> onAck =
        args -> {
          synchronized (responses) {
            responses.add(args);
            if (responses.size() == expected) {
              vertx.cancelTimer(timer);
              promise.tryComplete(List.copyOf(responses));
            }
          }
        };
    eachOnItsLoop(recipients, s -> s.deliver(packet, options, onAck));
    return promise.future();
  }

  /**
   * Runs an action for each socket on its loop: at once for those of the calling loop, as one task
   * per other loop.
   */
  private static void eachOnItsLoop(List<Member> sockets, Consumer<LocalSocket> action) {
    Context current = Vertx.currentContext();
    Map<Loop, List<LocalSocket>> others = null;
    for (Member m : sockets) {
      if (m.loop.isCurrent(current)) {
        action.accept(m.socket);
      } else {
        if (others == null) {
          others = new IdentityHashMap<>();
        }
        others.computeIfAbsent(m.loop, k -> new ArrayList<>()).add(m.socket);
      }
    }
    if (others != null) {
      for (Map.Entry<Loop, List<LocalSocket>> e : others.entrySet()) {
        List<LocalSocket> list = e.getValue();
        e.getKey().context.runOnContext(v -> list.forEach(action));
      }
    }
  }

  @Override
  public Future<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
    List<RemoteSocket> list = new ArrayList<>();
    for (LocalSocket s : localTargets(options)) {
      list.add(s.snapshot());
    }
    return Future.succeededFuture(list);
  }

  @Override
  public Future<Void> addSockets(BroadcastOptions options, Set<String> rooms) {
    for (LocalSocket s : localTargets(options)) {
      addAll(s.id(), rooms);
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> delSockets(BroadcastOptions options, Set<String> rooms) {
    for (String id : targets(options)) {
      for (String room : rooms) {
        del(id, room);
      }
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> disconnectSockets(BroadcastOptions options, boolean close) {
    List<Future<Void>> all = new ArrayList<>();
    for (LocalSocket s : localTargets(options)) {
      all.add(s.disconnect(close));
    }
    return Future.join(all).mapEmpty();
  }
}

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
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Rooms and broadcasts of one namespace on one node. Membership lives in concurrent maps, so
 * sockets on different event loops may join and leave at once. A broadcast hands each event loop
 * its recipients in one task, and every recipient shares the packet's single encoding.
 */
public class InMemoryAdapter implements Adapter {
  /** The namespace served. */
  protected final AdapterHost host;

  private final Map<String, Set<String>> roomMembers = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> socketRooms = new ConcurrentHashMap<>();

  /**
   * @param host the namespace
   */
  public InMemoryAdapter(AdapterHost host) {
    this.host = host;
  }

  @Override
  public void addAll(String id, Set<String> rooms) {
    Set<String> mine = socketRooms.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet());
    for (String room : rooms) {
      boolean joined = mine.add(room);
      roomMembers.computeIfAbsent(room, k -> ConcurrentHashMap.newKeySet()).add(id);
      if (joined) {
        host.onJoin(id, room);
      }
    }
  }

  @Override
  public void del(String id, String room) {
    Set<String> rooms = socketRooms.get(id);
    boolean left = rooms != null && rooms.remove(room);
    removeMember(room, id);
    if (left) {
      host.onLeave(id, room);
    }
  }

  @Override
  public void delAll(String id) {
    Set<String> rooms = socketRooms.remove(id);
    if (rooms != null) {
      for (String room : rooms) {
        removeMember(room, id);
        host.onLeave(id, room);
      }
    }
  }

  private void removeMember(String room, String id) {
    roomMembers.computeIfPresent(
        room,
        (k, members) -> {
          members.remove(id);
          return members.isEmpty() ? null : members;
        });
  }

  @Override
  public Set<String> socketRooms(String id) {
    Set<String> rooms = socketRooms.get(id);
    return rooms == null ? Set.of() : Set.copyOf(rooms);
  }

  @Override
  public Set<String> sockets(Set<String> rooms) {
    return targets(new BroadcastOptions(rooms, Set.of(), false, true, true));
  }

  @Override
  public Set<String> rooms() {
    return Set.copyOf(roomMembers.keySet());
  }

  @Override
  public int roomCount() {
    return roomMembers.size();
  }

  /**
   * @param options targets
   * @return ids of the targeted sockets of this node
   */
  protected Set<String> targets(BroadcastOptions options) {
    Set<String> excluded = new HashSet<>();
    for (String room : options.except()) {
      Set<String> members = roomMembers.get(room);
      if (members != null) {
        excluded.addAll(members);
      }
    }
    Set<String> ids = new LinkedHashSet<>();
    if (options.rooms().isEmpty()) {
      for (String id : socketRooms.keySet()) {
        if (!excluded.contains(id)) {
          ids.add(id);
        }
      }
    } else {
      for (String room : options.rooms()) {
        Set<String> members = roomMembers.get(room);
        if (members != null) {
          for (String id : members) {
            if (!excluded.contains(id)) {
              ids.add(id);
            }
          }
        }
      }
    }
    return ids;
  }

  /**
   * Runs an action for each targeted local socket on that socket's context: at once for sockets of
   * the calling event loop, as one task per other event loop.
   *
   * @return how many local sockets it targets
   */
  protected int forEachTarget(BroadcastOptions options, Consumer<LocalSocket> action) {
    Context current = Vertx.currentContext();
    Map<Context, List<LocalSocket>> others = null;
    int count = 0;
    for (String id : targets(options)) {
      LocalSocket socket = host.localSocket(id);
      if (socket == null) {
        continue;
      }
      count++;
      Context ctx = socket.context();
      if (current != null && sameLoop(current, ctx)) {
        action.accept(socket);
      } else {
        if (others == null) {
          others = new IdentityHashMap<>();
        }
        others.computeIfAbsent(ctx, k -> new ArrayList<>()).add(socket);
      }
    }
    if (others != null) {
      for (Map.Entry<Context, List<LocalSocket>> e : others.entrySet()) {
        List<LocalSocket> sockets = e.getValue();
        e.getKey().runOnContext(v -> sockets.forEach(action));
      }
    }
    return count;
  }

  private static boolean sameLoop(Context current, Context socketContext) {
    return current == socketContext
        || (current.isEventLoopContext()
            && socketContext.isEventLoopContext()
            && ((io.vertx.core.internal.ContextInternal) current).nettyEventLoop()
                == ((io.vertx.core.internal.ContextInternal) socketContext).nettyEventLoop());
  }

  @Override
  public Future<Void> broadcast(BroadcastPacket packet, BroadcastOptions options) {
    int recipients = forEachTarget(options, s -> s.deliver(packet, options, null));
    host.onBroadcast(packet, recipients);
    return Future.succeededFuture();
  }

  @Override
  public Future<List<JsonArray>> broadcastWithAck(
      BroadcastPacket packet, BroadcastOptions options, Duration timeout) {
    List<LocalSocket> recipients = new ArrayList<>();
    for (String id : targets(options)) {
      LocalSocket s = host.localSocket(id);
      if (s != null) {
        recipients.add(s);
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
    Set<String> ids = new HashSet<>();
    recipients.forEach(r -> ids.add(r.id()));
    forEachTarget(
        options,
        s -> {
          if (ids.contains(s.id())) {
            s.deliver(packet, options, onAck);
          }
        });
    return promise.future();
  }

  @Override
  public Future<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
    List<RemoteSocket> list = new ArrayList<>();
    for (String id : targets(options)) {
      LocalSocket s = host.localSocket(id);
      if (s != null) {
        list.add(s.snapshot());
      }
    }
    return Future.succeededFuture(list);
  }

  @Override
  public Future<Void> addSockets(BroadcastOptions options, Set<String> rooms) {
    for (String id : targets(options)) {
      if (host.localSocket(id) != null) {
        addAll(id, rooms);
      }
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
    for (String id : targets(options)) {
      LocalSocket s = host.localSocket(id);
      if (s != null) {
        all.add(s.disconnect(close));
      }
    }
    return Future.join(all).mapEmpty();
  }
}

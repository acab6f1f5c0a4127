package dev.vertio.socketio.impl;

import dev.vertio.socketio.SocketIoServer;
import dev.vertio.socketio.recovery.RecoveryLog;
import dev.vertio.socketio.recovery.SessionStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Read-only figures of a Socket.IO server's internal state, for endurance tests and diagnostics:
 * connected sockets, room entries, awaited acknowledgements, stored sessions and logged events, all
 * namespaces together. Not part of the API: it reads the implementation and may change with it.
 */
public final class SocketIoDiagnostics {
  private SocketIoDiagnostics() {}

  /**
   * @param io a server created by {@link SocketIoServer#create}
   * @return the connected sockets of every namespace
   */
  public static int sockets(SocketIoServer io) {
    int n = 0;
    for (NamespaceImpl ns : impl(io).namespaceImpls()) {
      n += ns.size();
    }
    return n;
  }

  /**
   * @param io a server created by {@link SocketIoServer#create}
   * @return the rooms of every namespace's adapter (a socket's own room included)
   */
  public static int rooms(SocketIoServer io) {
    int n = 0;
    for (NamespaceImpl ns : impl(io).namespaceImpls()) {
      n += ns.adapter().rooms().size();
    }
    return n;
  }

  /**
   * @param io a server created by {@link SocketIoServer#create}
   * @return the sockets every namespace's adapter still knows (with their rooms)
   */
  public static int adapterSockets(SocketIoServer io) {
    int n = 0;
    for (NamespaceImpl ns : impl(io).namespaceImpls()) {
      n += ns.adapter().sockets(Set.of()).size();
    }
    return n;
  }

  /**
   * Counts the acknowledgements the server awaits, each socket read on its own context.
   *
   * @param io a server created by {@link SocketIoServer#create}
   * @return acknowledgements awaited from connected sockets
   */
  public static Future<Integer> pendingAcks(SocketIoServer io) {
    List<Future<Integer>> counts = new ArrayList<>();
    for (NamespaceImpl ns : impl(io).namespaceImpls()) {
      for (SocketImpl s : ns.localSockets()) {
        Promise<Integer> p = Promise.promise();
        s.context().runOnContext(v -> p.complete(s.pendingAcks()));
        counts.add(p.future());
      }
    }
    return Future.all(counts)
        .map(
            all -> {
              int sum = 0;
              for (int i = 0; i < all.size(); i++) {
                sum += all.<Integer>resultAt(i);
              }
              return sum;
            });
  }

  /**
   * @param io a server created by {@link SocketIoServer#create}
   * @return sessions waiting to be recovered (expired ones are dropped first), 0 when recovery is
   *     off
   */
  public static long storedSessions(SocketIoServer io) {
    SessionStore store = impl(io).sessionStore();
    return store == null ? 0 : store.size();
  }

  /**
   * @param io a server created by {@link SocketIoServer#create}
   * @return events kept for recovery, every namespace together, 0 when recovery is off
   */
  public static int loggedEvents(SocketIoServer io) {
    int n = 0;
    for (NamespaceImpl ns : impl(io).namespaceImpls()) {
      RecoveryLog log = ns.log();
      n += log == null ? 0 : log.size();
    }
    return n;
  }

  private static SocketIoServerImpl impl(SocketIoServer io) {
    if (!(io instanceof SocketIoServerImpl)) {
      throw new IllegalArgumentException("not Vertio's server: " + io);
    }
    return (SocketIoServerImpl) io;
  }
}

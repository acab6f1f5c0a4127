package dev.vertio.admin.impl;

import dev.vertio.admin.AdminAuth;
import dev.vertio.admin.AdminUi;
import dev.vertio.admin.AdminUiOptions;
import dev.vertio.socketio.ConnectionRefusedException;
import dev.vertio.socketio.Namespace;
import dev.vertio.socketio.RemoteSocket;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/** {@link AdminUi}: the reference's {@code instrument()} on Vertio's public API. */
public final class AdminUiImpl implements AdminUi {
  private static final System.Logger LOG = System.getLogger(AdminUiImpl.class.getName());

  /**
   * The instrumentation owning each admin namespace. A namespace keeps the middleware and
   * connection handler of a closed instrumentation (they cannot be removed): they step aside for
   * the namespace's current owner, and refuse the UI when there is none.
   */
  private static final Map<Namespace, AdminUiImpl> OWNERS = new WeakHashMap<>();

  private final Vertx vertx;
  private final SocketIoServer io;
  private final Namespace admin;
  private final boolean readonly;
  private final boolean development;
  private final JsonArray features;
  private final AdminListener listener;
  private final ServerStats stats;
  private final Authenticator authenticator;
  private final long timer;
  private volatile boolean closed;

  private AdminUiImpl(Vertx vertx, SocketIoServer io, AdminUiOptions options) {
    this.vertx = vertx;
    this.io = io;
    this.readonly = options.isReadonly();
    this.admin = io.of(options.getNamespaceName());
    this.development = AdminUiOptions.MODE_DEVELOPMENT.equals(options.getMode());
    this.features = Commands.features(readonly, development);
    AdminAuth auth = options.getAuth();
    this.authenticator = auth.enabled() ? new Authenticator(vertx, auth, options) : null;
    this.listener = new AdminListener(admin, development);
    this.stats = new ServerStats(io, options.getServerId(), listener);
    if (!auth.enabled()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Admin UI: authentication is disabled on " + admin.name() + ", use with caution");
    }
    admin.use(this::authenticate);
    admin.onConnection(this::onAdminConnection);
    io.addListener(listener);
    timer = vertx.setPeriodic(options.getStatsInterval().toMillis(), id -> emitStats());
  }

  /**
   * @see AdminUi#instrument
   */
  public static AdminUi instrument(Vertx vertx, SocketIoServer io, AdminUiOptions options) {
    if (options.getAuth() == null) {
      throw new IllegalArgumentException(
          "the auth option must be specified: AdminAuth.basic(user, bcryptHash) or AdminAuth.none()");
    }
    Namespace admin = io.of(options.getNamespaceName());
    synchronized (OWNERS) {
      if (OWNERS.containsKey(admin)) {
        throw new IllegalStateException(
            admin.name() + " is already instrumented: close() it first");
      }
      AdminUiImpl instance = new AdminUiImpl(vertx, io, options);
      OWNERS.put(admin, instance);
      return instance;
    }
  }

  /**
   * @return true when this closed instrumentation's handlers must leave the socket to another
   */
  private boolean replaced() {
    synchronized (OWNERS) {
      return OWNERS.get(admin) != null;
    }
  }

  private Future<Void> authenticate(Socket socket) {
    if (closed) {
      return replaced()
          ? Future.succeededFuture()
          : Future.failedFuture(new ConnectionRefusedException("admin UI closed"));
    }
    return authenticator == null ? Future.succeededFuture() : authenticator.apply(socket);
  }

  private void onAdminConnection(Socket socket) {
    if (closed) {
      if (!replaced()) {
        socket.disconnect();
      }
      return;
    }
    String sessionId = authenticator == null ? null : authenticator.takeGranted(socket);
    if (sessionId != null) {
      socket.emit("session", sessionId);
    }
    if (!readonly) {
      Commands.register(io, socket);
    }
    socket.emit("config", new JsonObject().put("supportedFeatures", features.copy()));
    if (development) {
      allSockets()
          .onSuccess(all -> socket.emit("all_sockets", all))
          .onFailure(err -> LOG.log(System.Logger.Level.DEBUG, "Admin UI: no sockets", err));
    }
    // Not in the reference (which waits for its next 2 s tick): the new UI sees the server at once.
    socket.emit("server_stats", stats.snapshot(new JsonArray()));
  }

  /** The reference's {@code fetchAllSockets}: every namespace's sockets, cluster-wide. */
  private Future<JsonArray> allSockets() {
    List<Future<JsonArray>> parts = new ArrayList<>();
    for (Namespace ns : io.namespaces()) {
      parts.add(
          ns.fetchSockets()
              .map(
                  list -> {
                    JsonArray out = new JsonArray();
                    for (RemoteSocket s : list) {
                      out.add(SocketSerializer.serialize(s, ns));
                    }
                    return out;
                  }));
    }
    return Future.all(parts)
        .map(
            done -> {
              JsonArray all = new JsonArray();
              for (Future<JsonArray> part : parts) {
                all.addAll(part.result());
              }
              return all;
            });
  }

  private void emitStats() {
    admin.emit("server_stats", stats.snapshot(listener.buffer().takeAll()));
  }

  @Override
  public String namespaceName() {
    return admin.name();
  }

  @Override
  public Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    synchronized (OWNERS) {
      OWNERS.remove(admin, this);
    }
    vertx.cancelTimer(timer);
    io.removeListener(listener);
    return admin.disconnectSockets(false);
  }
}

package dev.vertio.cluster.routing.impl;

import dev.vertio.cluster.routing.ClusterRouting;
import dev.vertio.cluster.routing.RoutingOptions;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineProtocol;
import dev.vertio.engineio.EngineServer;
import dev.vertio.engineio.spi.PayloadTooLarge;
import dev.vertio.engineio.spi.SessionRouter;
import dev.vertio.engineio.spi.TransportHost;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link ClusterRouting}: the engine's {@link SessionRouter} over a {@link NodeDirectory}. */
public final class ClusterRoutingImpl implements ClusterRouting, SessionRouter {
  private static final System.Logger LOG = System.getLogger(ClusterRoutingImpl.class.getName());

  /** Bytes of randomness in a node tag: 6 bytes, 8 base64url characters. */
  private static final int TAG_BYTES = 6;

  private static final int TAG_LENGTH = 8;
  private static final char SEPARATOR = '.';

  private final Vertx vertx;
  private final EngineServer engine;
  private final RoutingOptions options;
  private final String tag;
  private final long maxBodyBytes;
  private final Forwarder forwarder;
  private volatile NodeDirectory directory;
  private volatile boolean closed;

  private ClusterRoutingImpl(Vertx vertx, EngineServer engine, RoutingOptions options) {
    this.vertx = vertx;
    this.engine = engine;
    this.options = new RoutingOptions(options);
    byte[] bytes = new byte[TAG_BYTES];
    new SecureRandom().nextBytes(bytes);
    this.tag = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    EngineOptions engineOptions = engine.options();
    this.maxBodyBytes =
        options.getMaxBodyBytes() > 0
            ? options.getMaxBodyBytes()
            : engineOptions.getMaxHttpBufferSize();
    long idle =
        options.getIdleTimeout() > 0
            ? options.getIdleTimeout()
            : engineOptions.getPingInterval() + engineOptions.getPingTimeout() + 5_000;
    this.forwarder =
        new Forwarder(
            vertx, tag, options.getConnectTimeout(), idle, options.getMaxConnectionsPerNode());
  }

  /**
   * @see ClusterRouting#install(Vertx, EngineServer, RoutingOptions)
   * @param vertx a clustered Vert.x
   * @param engine the engine
   * @param options the options
   * @return the installed routing
   */
  public static Future<ClusterRouting> install(
      Vertx vertx, EngineServer engine, RoutingOptions options) {
    ClusterManager cluster = vertx instanceof VertxInternal vi ? vi.clusterManager() : null;
    if (cluster == null) {
      return Future.failedFuture(
          new IllegalStateException(
              "cluster routing needs a clustered Vert.x (e.g. HazelcastClusters.startLocal)"));
    }
    ClusterRoutingImpl routing = new ClusterRoutingImpl(vertx, engine, options);
    // Named sessions from now on; requests for other nodes' sessions wait for the directory.
    engine.sessionRouter(routing);
    return NodeDirectory.open(vertx, cluster, routing.options.getDirectoryName())
        .compose(
            dir -> {
              routing.directory = dir;
              int port = routing.options.getPort();
              return port > 0
                  ? routing.publish(routing.options.getHost(), port)
                  : Future.<Void>succeededFuture();
            })
        .<ClusterRouting>map(v -> routing)
        .onFailure(err -> engine.sessionRouter(null));
  }

  @Override
  public String nodeTag() {
    return tag;
  }

  @Override
  public String sessionIdPrefix() {
    return tag + SEPARATOR;
  }

  @Override
  public Future<Void> publish(String host, int port) {
    NodeDirectory dir = directory;
    if (dir == null || closed) {
      return Future.failedFuture(new IllegalStateException("routing not installed or closed"));
    }
    return dir.put(tag, new NodeDirectory.Entry(dir.localNodeId(), host, port));
  }

  /**
   * @param sid a session id
   * @return the tag of the node it names, or null when it names none (or names no valid tag)
   */
  static String tagOf(String sid) {
    if (sid.length() <= TAG_LENGTH || sid.charAt(TAG_LENGTH) != SEPARATOR) {
      return null;
    }
    for (int i = 0; i < TAG_LENGTH; i++) {
      char c = sid.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        return null;
      }
    }
    return sid.substring(0, TAG_LENGTH);
  }

  @Override
  public Future<String> ownerAddress(String sid) {
    String owner = sid == null ? null : tagOf(sid);
    NodeDirectory dir = directory;
    if (owner == null || owner.equals(tag) || dir == null) {
      return Future.succeededFuture();
    }
    return dir.lookup(owner).map(e -> e == null ? null : e.host() + ":" + e.port());
  }

  @Override
  public boolean route(HttpServerRequest request, String sid) {
    NodeDirectory dir = directory;
    String owner = tagOf(sid);
    if (closed
        || dir == null
        || owner == null
        || owner.equals(tag)
        || request.headers().contains(FORWARDED_HEADER)) {
      // Ours and gone, malformed, or already forwarded once: the engine says "unknown".
      return false;
    }
    if (tooLarge(request)) {
      return true;
    }
    request.pause();
    dir.lookup(owner)
        .onComplete(
            ar -> {
              if (ar.succeeded() && ar.result() != null && !closed) {
                forwarder
                    .forward(request, ar.result().address())
                    .onFailure(
                        err -> {
                          LOG.log(
                              System.Logger.Level.DEBUG, "node " + owner + " unreachable: " + err);
                          unknown(request, sid, owner);
                        });
                return;
              }
              if (ar.failed()) {
                LOG.log(
                    System.Logger.Level.DEBUG,
                    "routing lookup failed for node " + owner,
                    ar.cause());
              }
              unknown(request, sid, owner);
            });
    return true;
  }

  /** A declared body above the bound: 413 as the owner would answer, nothing forwarded. */
  private boolean tooLarge(HttpServerRequest request) {
    String length = request.getHeader("Content-Length");
    if (length == null) {
      return false;
    }
    long declared;
    try {
      declared = Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      declared = Long.MAX_VALUE;
    }
    if (declared <= maxBodyBytes) {
      return false;
    }
    PayloadTooLarge.answer(
        vertx,
        request,
        headers -> {
          if (engine instanceof TransportHost host) {
            host.decorate(request, headers, false);
          }
        });
    return true;
  }

  /** The owner left or never was: the reference's "Session ID unknown". */
  private void unknown(HttpServerRequest request, String sid, String owner) {
    request.resume();
    if (request.response().ended()) {
      return;
    }
    if (engine instanceof TransportHost host) {
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("sid", sid);
      context.put("node", owner);
      host.refuse(request, EngineProtocol.UNKNOWN_SID, context);
      return;
    }
    request
        .response()
        .setStatusCode(400)
        .putHeader("Content-Type", "application/json")
        .end(
            new JsonObject()
                .put("code", EngineProtocol.UNKNOWN_SID)
                .put("message", EngineProtocol.errorMessage(EngineProtocol.UNKNOWN_SID))
                .encode());
  }

  @Override
  public Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    NodeDirectory dir = directory;
    Future<Void> removed =
        dir == null
            ? Future.succeededFuture()
            : dir.remove(tag).recover(err -> Future.succeededFuture());
    return removed.eventually(
        () -> {
          if (dir != null) {
            dir.close();
          }
          return forwarder.close();
        });
  }
}

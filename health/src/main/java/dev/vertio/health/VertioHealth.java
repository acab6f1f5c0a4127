package dev.vertio.health;

import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/**
 * Liveness and readiness of a Vertio server, for load balancers and orchestrators (Kubernetes
 * probes, HAProxy/nginx health checks), on {@code vertx-health-check}.
 *
 * <ul>
 *   <li><b>Liveness</b> ({@code GET /health/live}): the process answers on its event loop. Restart
 *       the process when it fails or does not answer.
 *   <li><b>Readiness</b> ({@code GET /health/ready}): the server takes new clients: down once it
 *       drains ({@link SocketIoServer#drain}) or is closed, until a start-up step given to {@link
 *       #readyAfter} (the warm-up) is done, and while any check added with {@link
 *       #addReadinessCheck} says so (a cluster node leaving, say). Send no new clients while it
 *       fails; existing ones stay.
 * </ul>
 *
 * <p>Both answer 200 with {@code {"status":"UP","checks":[...]}} or 503 with {@code
 * {"status":"DOWN",...}} naming the failing check.
 *
 * <pre>{@code
 * VertioHealth.create(vertx, io).mount(router);
 * }</pre>
 */
public final class VertioHealth {
  /** The path of the liveness endpoint that {@link #mount(Router)} adds. */
  public static final String LIVE_PATH = "/health/live";

  /** The path of the readiness endpoint that {@link #mount(Router)} adds. */
  public static final String READY_PATH = "/health/ready";

  /** Readiness check: the server accepts new sessions (not draining, not closed). */
  public static final String ACCEPTING = "accepting";

  /** The readiness check {@link #readyAfter(Future)} adds. */
  public static final String STARTED = "started";

  /** Liveness check: the event loop serving the probe runs it (a blocked loop answers none). */
  public static final String EVENT_LOOP = "event-loop";

  private final Vertx vertx;
  private final HealthChecks liveness;
  private final HealthChecks readiness;

  private VertioHealth(Vertx vertx, SocketIoServer io) {
    this.vertx = vertx;
    this.liveness =
        HealthChecks.create(vertx).register(EVENT_LOOP, promise -> promise.complete(Status.OK()));
    this.readiness = HealthChecks.create(vertx);
    addReadinessCheck(ACCEPTING, () -> !io.isDraining());
  }

  /**
   * @param vertx the Vert.x instance
   * @param io the server whose health this tells
   * @return the checks, with the built-in ones registered
   */
  public static VertioHealth create(Vertx vertx, SocketIoServer io) {
    return new VertioHealth(vertx, io);
  }

  /**
   * Adds a readiness check, e.g. "this cluster node is leaving".
   *
   * @param name its name in the answer
   * @param ready true when the server may take new clients; called on each probe, must be quick
   * @return this
   */
  public VertioHealth addReadinessCheck(String name, BooleanSupplier ready) {
    readiness.register(
        name,
        promise -> {
          boolean up;
          try {
            up = ready.getAsBoolean();
          } catch (RuntimeException e) {
            promise.fail(e);
            return;
          }
          promise.complete(up ? Status.OK() : Status.KO());
        });
    return this;
  }

  /**
   * Not ready until a start-up step is done, e.g. the JIT warm-up of a server served through {@code
   * attach} or {@code mount}: {@code health.readyAfter(io.warmup())}.
   *
   * @param startup completes when the server may take clients (a failure keeps it not ready)
   * @return this
   */
  public VertioHealth readyAfter(Future<?> startup) {
    return addReadinessCheck(STARTED, startup::succeeded);
  }

  /**
   * @return the liveness checks' outcome
   */
  public Future<CheckResult> liveness() {
    return liveness.checkStatus();
  }

  /**
   * @return the readiness checks' outcome
   */
  public Future<CheckResult> readiness() {
    return readiness.checkStatus();
  }

  /**
   * Adds {@code GET /health/live} and {@code GET /health/ready} to a router.
   *
   * @param router the router
   * @return this
   */
  public VertioHealth mount(Router router) {
    router.get(LIVE_PATH).handler(livenessHandler());
    router.get(READY_PATH).handler(readinessHandler());
    return this;
  }

  /**
   * @return a handler answering with the liveness outcome (200 or 503)
   */
  public Handler<RoutingContext> livenessHandler() {
    return ctx -> answer(ctx, liveness());
  }

  /**
   * @return a handler answering with the readiness outcome (200 or 503)
   */
  public Handler<RoutingContext> readinessHandler() {
    return ctx -> answer(ctx, readiness());
  }

  private static void answer(RoutingContext ctx, Future<CheckResult> outcome) {
    outcome.onComplete(
        ar -> {
          CheckResult result =
              ar.succeeded() ? ar.result() : CheckResult.from("health", ar.cause());
          boolean up = CheckResult.isUp(result);
          ctx.response()
              .setStatusCode(up ? 200 : 503)
              .putHeader("Content-Type", "application/json")
              .putHeader("Cache-Control", "no-store")
              .end(result.toJson().encode());
        });
  }

  @Override
  public String toString() {
    return "VertioHealth{" + vertx + "}";
  }
}

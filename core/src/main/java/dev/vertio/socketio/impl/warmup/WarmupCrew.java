package dev.vertio.socketio.impl.warmup;

import dev.vertio.socketio.SocketIoOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * One private server of the warm-up and the drivers whose clients talk to it, deployed together and
 * ended together.
 *
 * <p>The warm-up ends one crew and starts a second one before its last phase: the end of a crew
 * (clients closing, the private server closing, its timers and listeners gone) and a new server's
 * first connections (new namespace, new rooms, listeners that have not served yet) took branches
 * that nothing had taken before, so the JIT threw away code it had compiled for the event loops and
 * for joining. Before, that happened right before the user's server opened, and its first clients
 * paid for the recompilation; now it happens once while the warm-up still has a phase of traffic to
 * run, and the code compiled after it has seen both.
 */
final class WarmupCrew {
  private final Vertx vertx;
  private final WarmupServer server;
  private final List<WarmupDriver> drivers = new ArrayList<>();
  private final List<String> deployments = new ArrayList<>();
  private String serverDeployment;
  private Future<Void> ended;

  private WarmupCrew(Vertx vertx, SocketIoOptions options) {
    this.vertx = vertx;
    this.server = new WarmupServer(vertx, options);
  }

  /**
   * Deploys a private server, then {@link Warmup#DRIVERS} drivers for it.
   *
   * @param vertx the Vert.x instance
   * @param options the user's server's options
   * @param stalledReceiver whether the first driver keeps a receiver that stops reading (the
   *     slow-consumer paths; only traffic with broadcasts reaches it)
   * @param crews where the crew is added as soon as it exists, so that it is ended even if its
   *     deployment fails half-way
   * @return completes with the crew once its server listens and its drivers are deployed
   */
  static Future<WarmupCrew> deploy(
      Vertx vertx, SocketIoOptions options, boolean stalledReceiver, List<WarmupCrew> crews) {
    WarmupCrew crew;
    try {
      crew = new WarmupCrew(vertx, options);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    crews.add(crew);
    return vertx
        .deployVerticle(crew.server)
        .compose(
            id -> {
              crew.serverDeployment = id;
              List<Future<String>> deployed = new ArrayList<>();
              for (int i = 0; i < Warmup.DRIVERS; i++) {
                WarmupDriver driver =
                    new WarmupDriver(stalledReceiver && i == 0, crew.server.ports(), options);
                crew.drivers.add(driver);
                deployed.add(vertx.deployVerticle(driver).onSuccess(crew.deployments::add));
              }
              return Future.all(deployed);
            })
        .map(crew);
  }

  WarmupServer server() {
    return server;
  }

  List<WarmupDriver> drivers() {
    return drivers;
  }

  /**
   * Closes the clients, then the private server; once (a later call gets the first one's result).
   *
   * @return completes when all is closed and undeployed; never fails
   */
  synchronized Future<Void> end() {
    if (ended == null) {
      ended = endOnce();
    }
    return ended;
  }

  private Future<Void> endOnce() {
    List<Future<Void>> closed = new ArrayList<>();
    drivers.forEach(d -> closed.add(d.end()));
    return Future.join(closed)
        .transform(
            v -> {
              List<Future<Void>> undeployed = new ArrayList<>();
              deployments.forEach(id -> undeployed.add(vertx.undeploy(id)));
              return Future.join(undeployed);
            })
        .transform(v -> server.io().close())
        .transform(
            v ->
                serverDeployment == null
                    ? Future.succeededFuture()
                    : vertx.undeploy(serverDeployment))
        .transform(v -> Future.succeededFuture());
  }

  /**
   * @param crews crews
   * @return every driver of them
   */
  static List<WarmupDriver> allDrivers(List<WarmupCrew> crews) {
    List<WarmupDriver> all = new ArrayList<>();
    crews.forEach(c -> all.addAll(c.drivers));
    return all;
  }
}

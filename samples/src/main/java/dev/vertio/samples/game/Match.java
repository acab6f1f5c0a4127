package dev.vertio.samples.game;

import dev.vertio.socketio.Namespace;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One match: the world of a {@code /match-<n>} namespace. Players move with their inputs, collect
 * coins; a tick loop (a Vert.x periodic timer) advances the world and broadcasts its state with
 * {@code volatile} (a client that misses one frame gets the next). Inputs arrive on the sockets'
 * event loops and the tick on the timer's, so the state is guarded by this object's monitor.
 */
final class Match {
  static final int WIDTH = 800;
  static final int HEIGHT = 500;
  static final double SPEED = 220;
  static final int RADIUS = 14;
  static final int COINS = 5;

  private final Vertx vertx;
  private final Namespace namespace;
  private final long tickMillis;
  private final Random random = new Random();
  private final Map<String, Player> players = new LinkedHashMap<>();
  private final List<double[]> coins = new ArrayList<>();
  private long tick;
  private long timer = -1;

  Match(Vertx vertx, Namespace namespace, long tickMillis) {
    this.vertx = vertx;
    this.namespace = namespace;
    this.tickMillis = tickMillis;
    while (coins.size() < COINS) {
      coins.add(randomSpot());
    }
  }

  /** Adds a player and starts the loop if it was idle; returns the current state. */
  synchronized JsonObject join(String id, String name) {
    players.put(id, new Player(id, name, color(id), randomSpot()));
    if (timer < 0) {
      timer = vertx.setPeriodic(tickMillis, t -> step());
    }
    return state();
  }

  /** Removes a player; returns true when the match is now empty (its loop stopped). */
  synchronized boolean leave(String id) {
    players.remove(id);
    if (players.isEmpty() && timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    return players.isEmpty();
  }

  synchronized void input(String id, boolean up, boolean down, boolean left, boolean right) {
    Player p = players.get(id);
    if (p != null) {
      p.dx = (right ? 1 : 0) - (left ? 1 : 0);
      p.dy = (down ? 1 : 0) - (up ? 1 : 0);
    }
  }

  synchronized int size() {
    return players.size();
  }

  private void step() {
    JsonObject state;
    synchronized (this) {
      tick++;
      double dt = tickMillis / 1000.0;
      for (Player p : players.values()) {
        double norm = p.dx != 0 && p.dy != 0 ? Math.sqrt(0.5) : 1;
        p.x = clamp(p.x + p.dx * norm * SPEED * dt, RADIUS, WIDTH - RADIUS);
        p.y = clamp(p.y + p.dy * norm * SPEED * dt, RADIUS, HEIGHT - RADIUS);
        for (int i = 0; i < coins.size(); i++) {
          double[] c = coins.get(i);
          if (Math.hypot(c[0] - p.x, c[1] - p.y) < RADIUS + 10) {
            p.score++;
            coins.set(i, randomSpot());
          }
        }
      }
      state = state();
    }
    namespace.volatile_().emit("state", state);
  }

  /**
   * @return the world as sent to clients
   */
  synchronized JsonObject state() {
    JsonArray ps = new JsonArray();
    players
        .values()
        .forEach(
            p ->
                ps.add(
                    new JsonObject()
                        .put("id", p.id)
                        .put("name", p.name)
                        .put("color", p.color)
                        .put("x", Math.round(p.x))
                        .put("y", Math.round(p.y))
                        .put("score", p.score)));
    JsonArray cs = new JsonArray();
    coins.forEach(c -> cs.add(new JsonArray().add(Math.round(c[0])).add(Math.round(c[1]))));
    return new JsonObject().put("tick", tick).put("players", ps).put("coins", cs);
  }

  private double[] randomSpot() {
    return new double[] {
      RADIUS + random.nextInt(WIDTH - 2 * RADIUS), RADIUS + random.nextInt(HEIGHT - 2 * RADIUS)
    };
  }

  private static double clamp(double v, double min, double max) {
    return Math.max(min, Math.min(max, v));
  }

  private static String color(String id) {
    return "hsl(" + Math.floorMod(id.hashCode(), 360) + ",70%,50%)";
  }

  private static final class Player {
    final String id;
    final String name;
    final String color;
    double x;
    double y;
    int dx;
    int dy;
    int score;

    Player(String id, String name, String color, double[] spot) {
      this.id = id;
      this.name = name;
      this.color = color;
      this.x = spot[0];
      this.y = spot[1];
    }
  }
}

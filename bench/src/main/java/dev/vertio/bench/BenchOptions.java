package dev.vertio.bench;

import dev.vertio.bench.scenario.AckScenario;
import dev.vertio.bench.scenario.BroadcastScenario;
import dev.vertio.bench.scenario.ChurnScenario;
import dev.vertio.bench.scenario.ClusterBroadcastScenario;
import dev.vertio.bench.scenario.ColdBroadcastScenario;
import dev.vertio.bench.scenario.ColdChurnScenario;
import dev.vertio.bench.scenario.IdleScenario;
import dev.vertio.bench.scenario.ReconnectStormScenario;
import dev.vertio.bench.scenario.RunSettings;
import dev.vertio.bench.scenario.Scenario;
import dev.vertio.bench.scenario.SlowConsumerScenario;
import dev.vertio.bench.scenario.SoakScenario;
import dev.vertio.bench.scenario.VanishingScenario;
import dev.vertio.bench.server.ServerKind;
import dev.vertio.bench.server.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The load run's command line. Every scenario parameter has an option; the defaults are the
 * "default" scenario set, which takes about five minutes on a 2-core machine.
 *
 * <pre>
 * --scenarios default | all | idle,ack,broadcast,churn,mixed,reconnect-storm,endurance,coldstart
 *                                         (default: default = the first five)
 * --servers vertio,node                   which servers, in this order
 * --idle-sessions 10000                   comma list, e.g. 10000,50000,100000
 * --idle-ping-interval 5000               the servers' ping interval in the idle scenario, ms
 * --ack-clients 100 --ack-rates 5000,10000,20000,40000,60000,80000,100000,120000,150000
 * --broadcast 1000x20,10000x2             receivers x broadcasts per second
 * --mixed 1000x20 --mixed-polling-share 0.05 --mixed-upgraded-share 0
 * --churn-concurrency 50
 * --storm-clients 5000                    reconnect-storm (not in the default set): clients
 * --cluster-broadcast 1000x20             cluster-broadcast (not in the default set; Vertio
 *                                         only): receivers x rate on 1 node, then on 3 nodes
 * endurance (not in the default set: --scenarios endurance) runs soak, slow-consumers, vanishing
 * (each may also be named alone):
 * --soak-cycles 100000 --soak-concurrency 32 --soak-recovery 2000   (recovery window, ms)
 * --soak-settle 90                        seconds to wait at most for the server to let go
 * --slow 50x400 --slow-stalled 10 --slow-max-buffered-bytes 1048576 --slow-window 20
 * --vanishing 1000 --vanishing-polling-share 0.1 --vanishing-ping 2000
 * coldstart (not in the default set; runs Vertio, Vertio without warm-up and Node, fresh;
 * its two halves may be named alone: coldstart-broadcast, coldstart-churn):
 * --coldstart-receivers 100 --coldstart-rate 200 --coldstart-bytes 2048 --coldstart-seconds 15
 * --coldstart-cycles 10000 --coldstart-slices 10 --coldstart-warm-cycles 15000
 * --coldstart-warm-window 5000
 * --warmup 2 --duration 8                 seconds per measured window
 * --ping-interval 25000 --ping-timeout 20000
 * --event-loops 2                         Vertio's event loops (Node has one)
 * --generator-event-loops 2
 * --server-jvm-args "-Xms256m"            extra JVM arguments of the Vertio server
 * --node-dir bench/src/main/node          where server.mjs and its node_modules are
 * --out bench/results/DATE-SCENARIOS
 * </pre>
 */
public final class BenchOptions {

  private static final List<String> DEFAULT_SET =
      List.of("idle", "ack", "broadcast", "churn", "mixed");

  /** Every option name the run understands; anything else is refused. */
  static final Set<String> NAMES =
      Set.of(
          "scenarios",
          "servers",
          "idle-sessions",
          "idle-ping-interval",
          "ack-clients",
          "ack-rates",
          "broadcast",
          "mixed",
          "mixed-polling-share",
          "mixed-upgraded-share",
          "churn-concurrency",
          "storm-clients",
          "soak-cycles",
          "soak-concurrency",
          "soak-recovery",
          "soak-settle",
          "slow",
          "slow-stalled",
          "slow-max-buffered-bytes",
          "slow-window",
          "vanishing",
          "vanishing-polling-share",
          "vanishing-ping",
          "coldstart-receivers",
          "coldstart-rate",
          "coldstart-bytes",
          "coldstart-seconds",
          "coldstart-cycles",
          "coldstart-slices",
          "coldstart-warm-cycles",
          "coldstart-warm-window",
          "warmup",
          "duration",
          "ping-interval",
          "ping-timeout",
          "event-loops",
          "generator-event-loops",
          "server-jvm-args",
          "node-dir",
          "out",
          "cluster-broadcast");

  private final Map<String, String> values = new HashMap<>();
  private final List<String> args;

  /**
   * @param args the command line, {@code --name value} pairs
   * @throws IllegalArgumentException on an unknown form
   */
  public BenchOptions(String[] args) {
    this.args = List.of(args);
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got: " + args[i]);
      }
      String name = args[i].substring(2);
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown option: --" + name);
      }
      if (values.put(name, args[++i]) != null) {
        throw new IllegalArgumentException("option given twice: --" + name);
      }
    }
  }

  /**
   * Reads every option once, so that a malformed value is refused before any server starts.
   *
   * @return this
   * @throws IllegalArgumentException naming the option whose value is malformed
   */
  public BenchOptions validate() {
    scenarios();
    servers();
    runSettings();
    serverSettings();
    return this;
  }

  /**
   * @return the command line as given
   */
  public List<String> args() {
    return args;
  }

  private String get(String name, String def) {
    return values.getOrDefault(name, def);
  }

  private double number(String name, double def) {
    String v = get(name, String.valueOf(def));
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + ": not a number: " + v);
    }
  }

  private List<Integer> ints(String name, String def) {
    String v = get(name, def);
    try {
      return Arrays.stream(v.split(",")).map(String::trim).map(Integer::parseInt).toList();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + ": not a comma list of integers: " + v);
    }
  }

  /**
   * @return the scenario names chosen
   */
  public List<String> scenarioNames() {
    String s = get("scenarios", "default");
    return s.equals("default") || s.equals("all") ? DEFAULT_SET : List.of(s.split(","));
  }

  /**
   * @return the scenarios to run, in order
   */
  public List<Scenario> scenarios() {
    List<Scenario> list = new ArrayList<>();
    for (String name : scenarioNames()) {
      switch (name.trim()) {
        case "idle" ->
            ints("idle-sessions", "10000")
                .forEach(
                    n ->
                        list.add(
                            new IdleScenario(n, (long) number("idle-ping-interval", 5000), 2)));
        case "ack" ->
            list.add(
                new AckScenario(
                    (int) number("ack-clients", 100),
                    ints("ack-rates", "5000,10000,20000,40000,60000,80000,100000,120000,150000")));
        case "broadcast" ->
            rooms("broadcast", "1000x20,10000x2")
                .forEach(r -> list.add(new BroadcastScenario(r[0], r[1], 0)));
        case "mixed" ->
            rooms("mixed", "1000x20")
                .forEach(
                    r ->
                        list.add(
                            new BroadcastScenario(
                                r[0],
                                r[1],
                                number("mixed-polling-share", 0.05),
                                number("mixed-upgraded-share", 0))));
        case "churn" -> {
          int c = (int) number("churn-concurrency", 50);
          list.add(new ChurnScenario(c, false));
          list.add(new ChurnScenario(c, true));
        }
        case "cluster-broadcast" ->
            rooms("cluster-broadcast", "1000x20")
                .forEach(r -> list.add(new ClusterBroadcastScenario(r[0], r[1])));
        case "reconnect-storm" ->
            ints("storm-clients", "5000").forEach(n -> list.add(new ReconnectStormScenario(n)));
        case "endurance" -> {
          list.add(soak());
          list.add(slowConsumers());
          list.add(vanishing());
        }
        case "soak" -> list.add(soak());
        case "slow-consumers" -> list.add(slowConsumers());
        case "vanishing" -> list.add(vanishing());
        case "coldstart" -> {
          list.add(coldBroadcast());
          list.add(coldChurn());
        }
        case "coldstart-broadcast" -> list.add(coldBroadcast());
        case "coldstart-churn" -> list.add(coldChurn());
        default -> throw new IllegalArgumentException("unknown scenario: " + name);
      }
    }
    return list;
  }

  private Scenario coldBroadcast() {
    return new ColdBroadcastScenario(
        (int) number("coldstart-receivers", 100),
        (int) number("coldstart-rate", 200),
        (int) number("coldstart-bytes", 2048),
        (int) number("coldstart-seconds", 15),
        (int) number("coldstart-warm-cycles", 15_000),
        (int) number("churn-concurrency", 50));
  }

  private Scenario coldChurn() {
    return new ColdChurnScenario(
        (int) number("coldstart-cycles", 10_000),
        (int) number("coldstart-slices", 10),
        (int) number("coldstart-warm-cycles", 15_000),
        (int) number("coldstart-warm-window", 5_000),
        (int) number("churn-concurrency", 50));
  }

  private Scenario soak() {
    return new SoakScenario(
        (int) number("soak-cycles", 100_000),
        (int) number("soak-concurrency", 32),
        (long) number("soak-recovery", 2000),
        number("soak-settle", 90));
  }

  private Scenario slowConsumers() {
    int[] slow = rooms("slow", "50x400").get(0);
    return new SlowConsumerScenario(
        slow[0],
        slow[1],
        (int) number("slow-stalled", 10),
        (long) number("slow-max-buffered-bytes", 1_048_576),
        number("slow-window", 20));
  }

  private Scenario vanishing() {
    return new VanishingScenario(
        (int) number("vanishing", 1000),
        number("vanishing-polling-share", 0.1),
        (long) number("vanishing-ping", 2000));
  }

  private List<int[]> rooms(String name, String def) {
    String v = get(name, def);
    try {
      return Arrays.stream(v.split(","))
          .map(s -> s.trim().split("x"))
          .map(p -> new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])})
          .toList();
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException(
          "--" + name + ": expected a comma list of " + "RECEIVERSxRATE, got: " + v);
    }
  }

  /**
   * @return the servers to compare, in order
   */
  public List<ServerKind> servers() {
    String v = get("servers", "vertio,node");
    try {
      return Arrays.stream(v.split(","))
          .map(s -> ServerKind.valueOf(s.trim().toUpperCase().replace('-', '_')))
          .toList();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--servers: expected a comma list of "
              + Arrays.stream(ServerKind.values())
                  .map(k -> k.name().toLowerCase().replace('_', '-'))
                  .toList()
              + ", got: "
              + v);
    }
  }

  /**
   * @return how the servers are started
   */
  public ServerSettings serverSettings() {
    String jvm = get("server-jvm-args", "");
    return new ServerSettings(
        (long) number("ping-interval", 25_000),
        (long) number("ping-timeout", 20_000),
        (int) number("event-loops", 2),
        jvm.isBlank() ? List.of() : List.of(jvm.trim().split("\\s+")),
        1_048_576,
        nodeDir());
  }

  /**
   * @return the generator's settings
   */
  public RunSettings runSettings() {
    return new RunSettings(
        (int) number("generator-event-loops", 2), number("warmup", 2), number("duration", 8));
  }

  /**
   * @return the directory holding server.mjs and the installed socket.io
   */
  public Path nodeDir() {
    List<String> candidates =
        values.containsKey("node-dir")
            ? List.of(values.get("node-dir"))
            : List.of("bench/src/main/node", "src/main/node", "../bench/src/main/node");
    for (String c : candidates) {
      Path p = Path.of(c).toAbsolutePath().normalize();
      if (Files.exists(p.resolve("node_modules/socket.io/package.json"))) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "socket.io is not installed in "
            + candidates
            + ": build the bench module first (mvn -pl bench -am package) or pass --node-dir");
  }

  /**
   * @return where the report goes
   */
  public Path out() {
    return Path.of(
        get(
            "out",
            "bench/results/"
                + LocalDate.now()
                + "-"
                + String.join("-", get("scenarios", "default").split(","))));
  }
}

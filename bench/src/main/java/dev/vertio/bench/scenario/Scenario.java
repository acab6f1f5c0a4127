package dev.vertio.bench.scenario;

import dev.vertio.bench.server.ServerKind;
import dev.vertio.bench.server.ServerProcess;
import dev.vertio.bench.server.ServerSettings;
import java.util.List;

/** A load scenario, run once against each server with the same generator and parameters. */
public interface Scenario {
  /**
   * @return its name in the report, with its parameters, e.g. {@code broadcast 1000 x 100/s}
   */
  String name();

  /**
   * @return one line on what it does
   */
  String description();

  /**
   * @param base the settings given on the command line
   * @return the settings of the servers for this scenario
   */
  default ServerSettings serverSettings(ServerSettings base) {
    return base;
  }

  /**
   * Called once before the scenario's servers are started, e.g. to warm the generator up.
   *
   * @param base the settings given on the command line
   * @param run the generator settings
   * @throws Exception when the run cannot go on
   */
  default void prepare(ServerSettings base, RunSettings run) throws Exception {}

  /**
   * @param chosen the servers given on the command line
   * @return the servers this scenario runs against, in order
   */
  default List<ServerKind> servers(List<ServerKind> chosen) {
    return chosen;
  }

  /**
   * Runs the scenario against one server.
   *
   * @param server the running server
   * @param run the generator settings
   * @return the figures measured
   * @throws Exception when the run cannot go on
   */
  List<Figure> run(ServerProcess server, RunSettings run) throws Exception;
}

package dev.vertio.bench.report;

import dev.vertio.bench.scenario.Figure;
import dev.vertio.bench.server.ServerKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every figure of a run, per scenario and metric, side by side for the servers. */
public final class ResultSet {
  /**
   * One metric of one scenario for every server that measured it.
   *
   * @param scenario the scenario's name
   * @param metric the metric
   * @param unit its unit
   * @param higherIsBetter whether higher is better
   * @param chart whether the chart shows it
   * @param compared whether the servers are compared on it
   * @param values the value per server
   */
  public record Row(
      String scenario,
      String metric,
      String unit,
      boolean higherIsBetter,
      boolean chart,
      boolean compared,
      Map<ServerKind, Double> values) {

    /**
     * @return Vertio's value divided by Node's, NaN when either is missing or zero
     */
    public double ratio() {
      Double v = values.get(ServerKind.VERTIO);
      Double n = values.get(ServerKind.NODE);
      return v == null || n == null || n == 0 || v.isNaN() || n.isNaN() ? Double.NaN : v / n;
    }

    /**
     * @return which server is better and by how much, e.g. {@code Vertio 1.8x}
     */
    public String verdict() {
      double r = ratio();
      if (!compared || Double.isNaN(r) || Double.isInfinite(r) || r == 0) {
        return "";
      }
      boolean vertioBetter = higherIsBetter ? r > 1 : r < 1;
      double factor = r >= 1 ? r : 1 / r;
      if (factor < 1.05) {
        return "even";
      }
      return (vertioBetter ? ServerKind.VERTIO : ServerKind.NODE).label()
          + " "
          + String.format(java.util.Locale.ROOT, "%.2fx", factor);
    }
  }

  private final Map<String, Row> rows = new LinkedHashMap<>();
  private final Map<String, String> descriptions = new LinkedHashMap<>();
  private final Map<String, String> failures = new LinkedHashMap<>();

  /**
   * @param scenario the scenario's name
   * @param description what it does
   */
  public void describe(String scenario, String description) {
    descriptions.put(scenario, description);
  }

  /**
   * @param scenario the scenario's name
   * @param server the server measured
   * @param figures its figures
   */
  public void add(String scenario, ServerKind server, List<Figure> figures) {
    for (Figure f : figures) {
      rows.computeIfAbsent(
              scenario + "\u0000" + f.metric(),
              k ->
                  new Row(
                      scenario,
                      f.metric(),
                      f.unit(),
                      f.higherIsBetter(),
                      f.chart(),
                      f.compared(),
                      new EnumMap<>(ServerKind.class)))
          .values()
          .put(server, f.value());
    }
  }

  /**
   * @param scenario the scenario's name
   * @param server the server
   * @param error why it failed
   */
  public void failed(String scenario, ServerKind server, String error) {
    failures.put(scenario + " / " + server.label(), error);
  }

  /**
   * @return the rows in the order measured
   */
  public List<Row> rows() {
    return new ArrayList<>(rows.values());
  }

  /**
   * @return the rows of one scenario
   */
  public List<Row> rows(String scenario) {
    return rows.values().stream().filter(r -> r.scenario().equals(scenario)).toList();
  }

  /**
   * @return scenario name to description
   */
  public Map<String, String> descriptions() {
    return descriptions;
  }

  /**
   * @return "scenario / server" to error, for the runs that failed
   */
  public Map<String, String> failures() {
    return failures;
  }
}

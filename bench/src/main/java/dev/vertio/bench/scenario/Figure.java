package dev.vertio.bench.scenario;

/**
 * One measured figure of one server in one scenario.
 *
 * @param metric what was measured, e.g. {@code round trip p99 at 20000/s}
 * @param unit its unit, e.g. {@code ms}
 * @param higherIsBetter whether a higher value is the better one
 * @param value the value
 * @param chart whether the report's chart shows it
 * @param compared whether the servers are compared on it (false for counts and the generator's own
 *     figures)
 */
public record Figure(
    String metric,
    String unit,
    boolean higherIsBetter,
    double value,
    boolean chart,
    boolean compared) {

  /**
   * @return a figure where higher is better, not charted
   */
  public static Figure higher(String metric, String unit, double value) {
    return new Figure(metric, unit, true, value, false, true);
  }

  /**
   * @return a figure where lower is better, not charted
   */
  public static Figure lower(String metric, String unit, double value) {
    return new Figure(metric, unit, false, value, false, true);
  }

  /**
   * @return a figure that only informs (the generator's own CPU, counts)
   */
  public static Figure info(String metric, String unit, double value) {
    return new Figure(metric, unit, true, value, false, false);
  }

  /**
   * @return the same figure, shown in the chart
   */
  public Figure charted() {
    return new Figure(metric, unit, higherIsBetter, value, true, compared);
  }
}

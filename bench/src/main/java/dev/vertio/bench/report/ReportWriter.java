package dev.vertio.bench.report;

import dev.vertio.bench.server.ServerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a run's figures as Markdown ({@code report.md}) and CSV ({@code results.csv}). */
public final class ReportWriter {
  private ReportWriter() {}

  /**
   * @param dir the output directory
   * @param results the figures
   * @param header lines describing the run (command, machine, settings)
   * @throws IOException when a file cannot be written
   */
  public static void write(Path dir, ResultSet results, List<String> header) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.md"), markdown(results, header));
    Files.writeString(dir.resolve("results.csv"), csv(results));
  }

  static String markdown(ResultSet results, List<String> header) {
    StringBuilder md = new StringBuilder("# Vertio vs Node.js socket.io: load run\n\n");
    header.forEach(line -> md.append(line).append('\n'));
    md.append(
        "\nRatio is Vertio / Node; the last column says which server is better on that "
            + "line and by how much. Server figures come from the server processes (`/proc`, heap "
            + "after a full GC requested in the process); the generator's own CPU is listed so it "
            + "can be judged.\n\n![chart](chart.png)\n");
    for (Map.Entry<String, String> scenario : results.descriptions().entrySet()) {
      boolean third = hasNoWarmup(results.rows(scenario.getKey()));
      md.append("\n## ")
          .append(scenario.getKey())
          .append("\n\n")
          .append(scenario.getValue())
          .append(".\n\n| metric | unit | Vertio | ")
          .append(third ? ServerKind.VERTIO_NO_WARMUP.label() + " | " : "")
          .append("Node | ratio | better |\n|---|---|---:|")
          .append(third ? "---:|" : "")
          .append("---:|---:|---|\n");
      for (ResultSet.Row row : results.rows(scenario.getKey())) {
        md.append("| ")
            .append(row.metric())
            .append(" | ")
            .append(row.unit())
            .append(" | ")
            .append(format(row.values().get(ServerKind.VERTIO)))
            .append(" | ")
            .append(third ? format(row.values().get(ServerKind.VERTIO_NO_WARMUP)) + " | " : "")
            .append(format(row.values().get(ServerKind.NODE)))
            .append(" | ")
            .append(!row.compared() || Double.isNaN(row.ratio()) ? "" : format(row.ratio()))
            .append(" | ")
            .append(row.verdict())
            .append(" |\n");
      }
    }
    if (!results.failures().isEmpty()) {
      md.append("\n## Runs that failed\n\n");
      results
          .failures()
          .forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    }
    return md.toString();
  }

  /**
   * @return whether a Vertio server without warm-up was measured (a third column)
   */
  private static boolean hasNoWarmup(List<ResultSet.Row> rows) {
    return rows.stream().anyMatch(r -> r.values().containsKey(ServerKind.VERTIO_NO_WARMUP));
  }

  static String csv(ResultSet results) {
    boolean third = hasNoWarmup(results.rows());
    StringBuilder csv =
        new StringBuilder(
            "scenario,metric,unit,higher_is_better,vertio,node,"
                + "ratio"
                + (third ? ",vertio_no_warmup" : "")
                + "\n");
    for (ResultSet.Row row : results.rows()) {
      csv.append(quote(row.scenario()))
          .append(',')
          .append(quote(row.metric()))
          .append(',')
          .append(quote(row.unit()))
          .append(',')
          .append(row.higherIsBetter())
          .append(',')
          .append(raw(row.values().get(ServerKind.VERTIO)))
          .append(',')
          .append(raw(row.values().get(ServerKind.NODE)))
          .append(',')
          .append(raw(row.ratio()))
          .append(third ? "," + raw(row.values().get(ServerKind.VERTIO_NO_WARMUP)) : "")
          .append('\n');
    }
    return csv.toString();
  }

  /**
   * @return a value with three significant figures or so, "—" when missing
   */
  public static String format(Double v) {
    if (v == null || v.isNaN()) {
      return "—";
    }
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String raw(Double v) {
    return v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}

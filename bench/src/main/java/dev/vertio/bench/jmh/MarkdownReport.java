package dev.vertio.bench.jmh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** Renders JMH results as a Markdown table, with one line on how they were measured. */
final class MarkdownReport {
  private static final String PACKAGE = JmhRunner.class.getPackageName() + ".";

  private MarkdownReport() {}

  /**
   * @param results the results of one run, at least one
   * @return the Markdown text
   */
  static String render(Collection<RunResult> results) {
    List<RunResult> sorted = new ArrayList<>(results);
    sorted.sort(
        Comparator.comparing((RunResult r) -> r.getParams().getBenchmark())
            .thenComparing(r -> params(r.getParams())));
    StringBuilder sb = new StringBuilder("# Vertio JMH microbenchmarks\n\n");
    sb.append(settings(sorted.get(0).getParams())).append("\n\n");
    sb.append("| Benchmark | Params | Mode | Score | Error | Units |\n");
    sb.append("|---|---|---|---:|---:|---|\n");
    for (RunResult r : sorted) {
      BenchmarkParams p = r.getParams();
      Result<?> res = r.getPrimaryResult();
      sb.append("| ")
          .append(shortName(p.getBenchmark()))
          .append(" | ")
          .append(params(p))
          .append(" | ")
          .append(p.getMode().shortLabel())
          .append(" | ")
          .append(number(res.getScore()))
          .append(" | ")
          .append(Double.isNaN(res.getScoreError()) ? "n/a" : "± " + number(res.getScoreError()))
          .append(" | ")
          .append(res.getScoreUnit())
          .append(" |\n");
    }
    return sb.toString();
  }

  private static String settings(BenchmarkParams p) {
    return String.format(
        Locale.ROOT,
        "JVM: %s (JDK %s, %s %s); JMH %s; forks: %d; warmup: %s; measurement: %s; threads: %d",
        p.getJvm(),
        p.getJdkVersion(),
        p.getVmName(),
        p.getVmVersion(),
        p.getJmhVersion(),
        p.getForks(),
        iterations(p.getWarmup()),
        iterations(p.getMeasurement()),
        p.getThreads());
  }

  private static String iterations(IterationParams it) {
    return it.getCount() == 0 ? "none" : it.getCount() + " x " + it.getTime();
  }

  private static String shortName(String benchmark) {
    return benchmark.startsWith(PACKAGE) ? benchmark.substring(PACKAGE.length()) : benchmark;
  }

  private static String params(BenchmarkParams p) {
    StringJoiner j = new StringJoiner(", ");
    for (String key : p.getParamsKeys()) {
      j.add(key + "=" + p.getParam(key));
    }
    return j.length() == 0 ? "-" : j.toString();
  }

  private static String number(double d) {
    return String.format(Locale.ROOT, d >= 100 ? "%,.1f" : "%.3f", d);
  }
}

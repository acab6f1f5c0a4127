package dev.vertio.bench.jmh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH microbenchmarks of this package and writes {@code jmh.json} (JMH's JSON format) and
 * {@code jmh.md} (a Markdown table) into the output directory.
 *
 * <pre>
 * java -jar bench/target/vertio-bench.jar jmh [--out DIR] [--quick] [--include REGEX]
 *   --out DIR        output directory, default bench/results/jmh-&lt;date&gt;
 *   --quick          smoke run: no fork, no warmup, one measurement iteration of 100 ms
 *   --include REGEX  benchmarks whose full name matches, default every benchmark of this package
 * </pre>
 *
 * The default run (1 fork, 2 x 1 s warmup, 5 x 1 s measurement per benchmark and parameter set)
 * takes under three minutes on two cores. Five measurements rather than three keep JMH's 99.9 %
 * error bound usable: with two degrees of freedom its Student factor is 31.6, with four 8.6.
 */
public final class JmhRunner {
  /** Benchmarks run when no {@code --include} is given. */
  public static final String ALL =
      "^" + JmhRunner.class.getPackageName().replace(".", "\\.") + "\\.";

  private static final int MEASUREMENTS = 5;

  private JmhRunner() {}

  /**
   * @param args see the class comment
   * @throws Exception when an argument is wrong or a benchmark fails
   */
  public static void main(String[] args) throws Exception {
    Path out = run(args);
    System.out.println("JMH results: " + out.resolve("jmh.md") + " and " + out.resolve("jmh.json"));
  }

  /**
   * Runs the benchmarks and writes the reports.
   *
   * @param args see the class comment
   * @return the output directory
   * @throws IOException when the reports cannot be written
   * @throws RunnerException when a benchmark fails
   */
  public static Path run(String... args) throws IOException, RunnerException {
    Path out = Path.of("bench", "results", "jmh-" + LocalDate.now());
    boolean quick = false;
    String include = ALL;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(value(args, ++i, "--out"));
        case "--quick" -> quick = true;
        case "--include" -> include = value(args, ++i, "--include");
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; usage: jmh [--out DIR] [--quick] [--include REGEX]");
      }
    }
    Files.createDirectories(out);
    Path json = out.resolve("jmh.json");
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(include)
            .shouldFailOnError(true)
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString());
    if (quick) {
      options
          .forks(0)
          .warmupIterations(0)
          .measurementIterations(1)
          .measurementTime(TimeValue.milliseconds(100));
    } else {
      options
          .forks(1)
          .warmupIterations(2)
          .warmupTime(TimeValue.seconds(1))
          .measurementIterations(MEASUREMENTS)
          .measurementTime(TimeValue.seconds(1))
          .timeout(new TimeValue(1, TimeUnit.MINUTES));
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    if (results.isEmpty()) {
      throw new IllegalArgumentException("no benchmark matches " + include);
    }
    Files.writeString(
        out.resolve("jmh.md"), MarkdownReport.render(results), StandardCharsets.UTF_8);
    return out;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}

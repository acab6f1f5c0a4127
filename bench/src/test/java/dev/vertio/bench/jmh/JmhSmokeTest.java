package dev.vertio.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark once in {@code --quick} mode: each benchmark class must produce results with
 * positive scores in {@code jmh.json} and appear in {@code jmh.md}.
 */
class JmhSmokeTest {

  @Test
  void quickRunReportsEveryBenchmarkClass(@TempDir Path dir) throws Exception {
    Set<String> classes = benchmarkClasses();
    assertTrue(classes.size() >= 3, "benchmark classes found: " + classes);

    Path out =
        assertTimeoutPreemptively(
            Duration.ofSeconds(25), () -> JmhRunner.run("--quick", "--out", dir.toString()));

    JsonNode results = new ObjectMapper().readTree(out.resolve("jmh.json").toFile());
    Map<String, Double> bestScoreByClass = new TreeMap<>();
    for (JsonNode r : results) {
      String benchmark = r.get("benchmark").asText();
      String cls = benchmark.substring(0, benchmark.lastIndexOf('.'));
      double score = r.get("primaryMetric").get("score").asDouble();
      bestScoreByClass.merge(cls, score, Math::max);
    }
    assertEquals(classes, bestScoreByClass.keySet(), "classes with results");
    bestScoreByClass.forEach(
        (cls, score) -> assertTrue(score > 0, cls + " has no positive score: " + score));

    String md = Files.readString(out.resolve("jmh.md"));
    assertTrue(md.contains("| Benchmark | Params | Mode | Score | Error | Units |"), md);
    assertTrue(md.contains("forks: 0"), md);
    for (String cls : classes) {
      String simple = cls.substring(cls.lastIndexOf('.') + 1);
      assertTrue(md.contains("| " + simple + "."), simple + " missing from jmh.md:\n" + md);
    }
  }

  @Test
  void unknownOptionIsRefused() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> JmhRunner.run("--fast"));
    assertTrue(e.getMessage().contains("--fast"), e.getMessage());
  }

  /**
   * @return the classes of this package listed in META-INF/BenchmarkList
   */
  private static Set<String> benchmarkClasses() {
    Set<BenchmarkListEntry> entries =
        BenchmarkList.defaultList()
            .find(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
                List.of(JmhRunner.ALL),
                List.of());
    assertFalse(entries.isEmpty(), "META-INF/BenchmarkList lists no benchmark of this package");
    return entries.stream()
        .map(BenchmarkListEntry::getUserClassQName)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}

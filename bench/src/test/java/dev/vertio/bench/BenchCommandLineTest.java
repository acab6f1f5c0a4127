package dev.vertio.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bench's command line refuses what it does not understand, before starting anything. */
class BenchCommandLineTest {

  @Test
  void unknownOptionIsRefusedWithItsName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new BenchOptions(new String[] {"--scenarios", "ack", "--ack-rate", "5"}));
    assertEquals("unknown option: --ack-rate", e.getMessage());
  }

  @Test
  void malformedValuesAreRefusedWithTheOptionName() {
    assertEquals(
        "--ack-rates: not a comma list of integers: 5,x",
        assertThrows(IllegalArgumentException.class, () -> options("--ack-rates", "5,x").validate())
            .getMessage());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> options("--broadcast", "1000").validate())
            .getMessage()
            .startsWith("--broadcast:"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> options("--servers", "vertio,deno").validate())
            .getMessage()
            .startsWith("--servers: expected a comma list of"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> options("--scenarios", "idle,nope").validate())
            .getMessage()
            .contains("unknown scenario: nope"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new BenchOptions(new String[] {"--duration", "1", "--duration", "2"}));
    assertThrows(IllegalArgumentException.class, () -> new BenchOptions(new String[] {"ack"}));
  }

  @Test
  void theJarExitsWithTwoAndAMessageOnAnUnknownOptionAndZeroOnHelp() throws Exception {
    Run bad = run("--scenarios", "ack", "--bogus", "1");
    assertEquals(2, bad.exit, bad.stderr);
    assertTrue(bad.stderr.startsWith("vertio-bench: unknown option: --bogus"), bad.stderr);
    assertTrue(!bad.stderr.contains("\tat "), "no stack trace: " + bad.stderr);
    Run help = run("--help");
    assertEquals(0, help.exit, help.stderr);
    assertTrue(help.stdout.contains("usage: java -jar bench/target/vertio-bench.jar"));
  }

  private static BenchOptions options(String name, String value) {
    return new BenchOptions(new String[] {name, value, "--node-dir", nodeDir()});
  }

  private static String nodeDir() {
    return Path.of("src/main/node").toAbsolutePath().toString();
  }

  private record Run(int exit, String stdout, String stderr) {}

  private static Run run(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                BenchMain.class.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the bench exits");
    return new Run(
        p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}

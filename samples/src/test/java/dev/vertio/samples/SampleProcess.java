package dev.vertio.samples;

import dev.vertio.engineio.testing.Recorder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A sample run as its own JVM, as {@code java -jar vertio-samples.jar <sample> [flags]} would (the
 * jar is built after the tests, so the test classpath stands in for it). Its output lines are
 * recorded as they come; {@link #close()} kills it if it is still running.
 */
final class SampleProcess implements AutoCloseable {
  final Process process;
  final Recorder<String> out = new Recorder<>();
  final Recorder<String> err = new Recorder<>();
  private final List<String> errLines = new ArrayList<>();
  private final Thread errReader;

  SampleProcess(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                // as the tests' own JVM (set by the build): no JIT warm-up before listening
                "-Dvertio.warmup=" + System.getProperty("vertio.warmup", "false"),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(args));
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new AssertionError("cannot start " + command, e);
    }
    read(process.getInputStream(), out, null);
    errReader = read(process.getErrorStream(), err, errLines);
  }

  private static Thread read(InputStream in, Recorder<String> lines, List<String> copy) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.record(line);
                  if (copy != null) {
                    synchronized (copy) {
                      copy.add(line);
                    }
                  }
                }
              } catch (IOException ignored) {
                // the process ended
              }
            },
            "sample-output");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * @return the next output line starting with the prefix (earlier lines are skipped)
   */
  String awaitLine(String prefix) {
    String line;
    do {
      line = out.next(30_000);
    } while (!line.startsWith(prefix));
    return line;
  }

  /**
   * Sends SIGTERM, as {@code kill} does. Through the process handle: {@link Process#destroy()}
   * sends it too but also closes our end of the process's output, which the tests still read.
   */
  void terminate() {
    process.toHandle().destroy();
  }

  /**
   * @return the exit status, once the process ended (at most {@code seconds} from now)
   */
  int exitStatus(long seconds) {
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        throw new AssertionError("the sample did not exit within " + seconds + " s");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  /**
   * @return what it printed on stderr, once it exited
   */
  String stderr() {
    try {
      errReader.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (errLines) {
      return String.join("\n", errLines);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}

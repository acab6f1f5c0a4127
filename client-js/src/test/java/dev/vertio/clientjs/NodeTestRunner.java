package dev.vertio.clientjs;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a Node script of this module with its output shown, and returns its exit code. */
final class NodeTestRunner {
  private NodeTestRunner() {}

  static int run(Map<String, String> env, String... args) {
    try {
      ProcessBuilder pb = new ProcessBuilder(args).inheritIO();
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + List.of(args));
      }
      return p.exitValue();
    } catch (IOException e) {
      throw new AssertionError("cannot run " + List.of(args), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }
}

package dev.vertio.bench.server;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Raises a process's open-file limit with {@code prlimit} (util-linux) so that tens of thousands
 * of sockets fit; this works for a root user or up to the hard limit otherwise, and is harmless
 * when it fails: the scenario then reports the connections it could not open.
 */
public final class FileLimits {
  private FileLimits() {
  }

  /**
   * @param pid the process
   * @param limit the wanted soft and hard limit
   * @return true when the limit was set
   */
  public static boolean raise(long pid, long limit) {
    try {
      Process p = new ProcessBuilder("prlimit", "--pid", String.valueOf(pid),
          "--nofile=" + limit + ":" + limit).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

package dev.vertio.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Raises a process's open-file limit with {@code prlimit} (util-linux) so that tens of thousands of
 * sockets fit: both limits for root with CAP_SYS_RESOURCE, else the soft limit up to the hard one.
 * Scenarios check the limit they got before opening sockets ({@link #require}).
 */
public final class FileLimits {
  private FileLimits() {}

  /**
   * @param pid the process
   * @param limit the wanted soft and hard limit
   * @return true when the limit was set
   */
  public static boolean raise(long pid, long limit) {
    // both limits (root with CAP_SYS_RESOURCE), else the soft one up to the hard one
    return prlimit(pid, limit + ":" + limit) || prlimit(pid, hard(pid) + ":");
  }

  private static boolean prlimit(long pid, String nofile) {
    try {
      Process p =
          new ProcessBuilder("prlimit", "--pid", String.valueOf(pid), "--nofile=" + nofile)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * @param pid a process
   * @return its soft open-file limit, or {@link Long#MAX_VALUE} when unlimited or unknown
   */
  public static long current(long pid) {
    return limit(pid, 0);
  }

  private static String hard(long pid) {
    long hard = limit(pid, 1);
    return hard == Long.MAX_VALUE ? "unlimited" : String.valueOf(hard);
  }

  /** Column 0 (soft) or 1 (hard) of "Max open files" in /proc/PID/limits. */
  private static long limit(long pid, int column) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
        if (line.startsWith("Max open files")) {
          String v = line.substring("Max open files".length()).trim().split("\\s+")[column];
          return v.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(v);
        }
      }
    } catch (IOException | RuntimeException e) {
      // unknown: let the run try
    }
    return Long.MAX_VALUE;
  }

  /**
   * Fails early, with what to do, when a process cannot hold the sockets a scenario needs.
   *
   * @param pid the process
   * @param who its name in the message
   * @param sockets the sockets it must hold at once
   * @throws IllegalStateException when its limit is too low
   */
  public static void require(long pid, String who, long sockets) {
    long limit = current(pid);
    if (limit < sockets + 500) {
      throw new IllegalStateException(
          who
              + " may open "
              + limit
              + " files, "
              + sockets
              + " sockets need more: raise `ulimit -n` and run again (above the hard limit, root "
              + "with CAP_SYS_RESOURCE)");
    }
  }
}

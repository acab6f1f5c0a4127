package dev.vertio.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /**
   * @param pid a process
   * @return its soft open-file limit, or {@link Long#MAX_VALUE} when unlimited or unknown
   */
  public static long current(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
        if (line.startsWith("Max open files")) {
          String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
          return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
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
      throw new IllegalStateException(who + " may open " + limit + " files, " + sockets
          + " sockets need more: raise `ulimit -n` and run again (above the hard limit, root "
          + "with CAP_SYS_RESOURCE)");
    }
  }
}

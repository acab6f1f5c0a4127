package dev.vertio.samples;

import dev.vertio.samples.CommandLine.Flag;
import java.util.List;

/** What every sample's {@code main} does the same way: read the command line, report failure. */
public final class SampleMain {
  /** Exit status for a command line the sample does not take. */
  public static final int USAGE = 2;

  /** Exit status for a sample that could not start (port taken, unreadable certificate...). */
  public static final int FAILED = 1;

  private SampleMain() {}

  /**
   * @param command the sample's name
   * @param args its arguments
   * @param flags the flags it takes
   * @return the command line; on {@code --help} the usage is printed and the process exits with 0,
   *     on a bad command line the problem and the usage go to stderr and it exits with {@link
   *     #USAGE}
   */
  public static CommandLine commandLine(String command, String[] args, List<Flag> flags) {
    try {
      if (List.of(args).contains("--help")) {
        System.out.println(new CommandLine(command, new String[0], flags).usage());
        System.exit(0);
      }
      return new CommandLine(command, args, flags);
    } catch (CommandLine.UsageException e) {
      System.err.println(command + ": " + e.getMessage());
      System.exit(USAGE);
      throw e;
    }
  }

  /**
   * Reports a sample that could not start and exits with {@link #FAILED} (from another thread: this
   * may run on an event loop, which the shutdown hook's closing of Vert.x needs).
   *
   * @param what the sample's name
   * @param err why
   */
  public static void failed(String what, Throwable err) {
    System.err.println("Could not start the " + what + ": " + err.getMessage());
    new Thread(() -> System.exit(FAILED), "vertio-exit").start();
  }
}

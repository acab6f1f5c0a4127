package dev.vertio.socketio.impl.warmup;

/**
 * The system properties that tune the warm-up, checked before it runs: a value that does not parse
 * (or is out of range) is refused with a message naming the property, not read as the default.
 */
final class WarmupProperties {
  /** Integer properties and the least value each takes. */
  private static final Object[][] INTEGERS = {
    {"vertio.warmup.maxTime", 0L},
    {"vertio.warmup.clients", 1L},
    {"vertio.warmup.drivers", 1L},
    {"vertio.warmup.minCycles", 0L},
    {"vertio.warmup.fullEvery", 0L},
    {"vertio.warmup.roundCycles", 1L},
    {"vertio.warmup.pollingEvery", 0L},
    {"vertio.warmup.burstCycles", 0L},
  };

  private WarmupProperties() {}

  /**
   * @throws IllegalArgumentException naming the first property set to a value it does not take
   */
  static void check() {
    String on = System.getProperty("vertio.warmup");
    if (on != null && !on.trim().equalsIgnoreCase("true") && !on.trim().equalsIgnoreCase("false")) {
      throw new IllegalArgumentException("-Dvertio.warmup must be true or false, got: " + on);
    }
    for (Object[] p : INTEGERS) {
      String name = (String) p[0];
      long least = (Long) p[1];
      String value = System.getProperty(name);
      if (value == null) {
        continue;
      }
      long parsed;
      try {
        parsed = Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("-D" + name + " must be an integer, got: " + value);
      }
      if (parsed < least || parsed > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "-D"
                + name
                + " must be from "
                + least
                + " to "
                + Integer.MAX_VALUE
                + ", got: "
                + value);
      }
    }
  }
}

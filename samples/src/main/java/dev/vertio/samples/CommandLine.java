package dev.vertio.samples;

import java.util.HashMap;
import java.util.Map;

/** Minimal {@code --name value} / {@code --flag} parser for the samples' command lines. */
public final class CommandLine {
  private final Map<String, String> values = new HashMap<>();

  /**
   * @param args arguments such as {@code --port 3000 --cors-origin *}
   * @throws IllegalArgumentException on an argument that is not an option
   */
  public CommandLine(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + a);
      }
      String name = a.substring(2);
      int eq = name.indexOf('=');
      if (eq >= 0) {
        values.put(name.substring(0, eq), name.substring(eq + 1));
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        values.put(name, args[++i]);
      } else {
        values.put(name, "true");
      }
    }
  }

  /** @return the value of {@code --name}, or the default */
  public String get(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }

  /** @return the value of {@code --name} as a long, or the default */
  public long getLong(String name, long defaultValue) {
    String v = values.get(name);
    return v == null ? defaultValue : Long.parseLong(v);
  }

  /** @return true when {@code --name} was given (without a value, or with {@code true}) */
  public boolean has(String name) {
    return values.containsKey(name) && !"false".equals(values.get(name));
  }
}

package dev.vertio.samples;

import dev.vertio.engineio.CorsOptions;
import dev.vertio.engineio.EngineOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples' command lines: {@code --name value}, {@code --name=value} and {@code --switch}. Each
 * sample declares the flags it takes; an unknown flag, a missing value or a number that is not one
 * is refused with a {@link UsageException} naming the flag and showing the usage.
 */
public final class CommandLine {
  /** What a flag takes. */
  public enum Kind {
    /** No value: present or not ({@code --name=false} turns it off). */
    SWITCH,
    /** Any text. */
    TEXT,
    /** A whole number. */
    NUMBER
  }

  /**
   * A flag a sample takes.
   *
   * @param name its name, without the leading {@code --}
   * @param kind what it takes
   * @param help one line for the usage
   */
  public record Flag(String name, Kind kind, String help) {
    /**
     * @return a switch
     */
    public static Flag onOff(String name, String help) {
      return new Flag(name, Kind.SWITCH, help);
    }

    /**
     * @return a flag taking text
     */
    public static Flag text(String name, String help) {
      return new Flag(name, Kind.TEXT, help);
    }

    /**
     * @return a flag taking a whole number
     */
    public static Flag number(String name, String help) {
      return new Flag(name, Kind.NUMBER, help);
    }
  }

  /** A command line the sample does not take; its message names the flag and shows the usage. */
  public static final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** The Engine.IO flags every server sample takes (see {@link #applyEngineFlags}). */
  public static final List<Flag> ENGINE_FLAGS =
      List.of(
          Flag.text("path", "endpoint path"),
          Flag.number("ping-interval", "ms between heartbeats"),
          Flag.number("ping-timeout", "ms to wait for a pong"),
          Flag.number("upgrade-timeout", "ms an upgrade may take"),
          Flag.number("max-http-buffer-size", "largest message, bytes"),
          Flag.text("transports", "polling,websocket"),
          Flag.onOff("no-upgrades", "no upgrade from polling to WebSocket"),
          Flag.onOff("per-message-deflate", "WebSocket compression"),
          Flag.onOff("no-http-compression", "no gzip of polling responses"),
          Flag.text("cors-origin", "allowed origins: a,b or *"),
          Flag.onOff("cors-credentials", "CORS with credentials"),
          Flag.onOff("allow-eio3", "also accept Engine.IO v3 / Socket.IO v2 clients"));

  private final String command;
  private final Map<String, Flag> accepted = new LinkedHashMap<>();
  private final Map<String, String> values = new HashMap<>();

  /**
   * @param command the sample's name, for the usage
   * @param args arguments such as {@code --port 3000 --cors-origin *}
   * @param flags the flags the sample takes
   * @throws UsageException on an unknown flag, a missing value or a malformed number
   */
  public CommandLine(String command, String[] args, List<Flag> flags) {
    this.command = command;
    for (Flag f : flags) {
      accepted.put(f.name(), f);
    }
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || a.length() == 2) {
        throw usage("unexpected argument '" + a + "'");
      }
      String name = a.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      Flag flag = accepted.get(name);
      if (flag == null) {
        throw usage("unknown flag --" + name);
      }
      if (flag.kind() == Kind.SWITCH) {
        if (value != null && !value.equals("true") && !value.equals("false")) {
          throw usage("--" + name + " takes no value (or =true / =false), not '" + value + "'");
        }
        values.put(name, value == null ? "true" : value);
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw usage("--" + name + " needs a value");
        }
        value = args[++i];
      }
      if (flag.kind() == Kind.NUMBER) {
        try {
          Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw usage("--" + name + " takes a whole number, not '" + value + "'");
        }
      }
      values.put(name, value);
    }
  }

  /**
   * @param flagLists the lists to join
   * @return one list of flags
   */
  @SafeVarargs
  public static List<Flag> flags(List<Flag>... flagLists) {
    List<Flag> all = new ArrayList<>();
    for (List<Flag> l : flagLists) {
      all.addAll(l);
    }
    return all;
  }

  private UsageException usage(String problem) {
    return new UsageException(problem + "\n" + usage());
  }

  /**
   * @return the usage: the command and every flag it takes, one a line
   */
  public String usage() {
    StringBuilder sb =
        new StringBuilder("usage: java -jar vertio-samples.jar ")
            .append(command)
            .append(" [flags]\n");
    for (Flag f : accepted.values()) {
      String left =
          "  --"
              + f.name()
              + switch (f.kind()) {
                case SWITCH -> "";
                case TEXT -> " <text>";
                case NUMBER -> " <n>";
              };
      sb.append(String.format("%-32s %s%n", left, f.help()));
    }
    return sb.toString().stripTrailing();
  }

  /**
   * @return the value of {@code --name}, or the default
   */
  public String get(String name, String defaultValue) {
    check(name);
    return values.getOrDefault(name, defaultValue);
  }

  /**
   * @return the value of {@code --name} as a long, or the default
   */
  public long getLong(String name, long defaultValue) {
    check(name);
    String v = values.get(name);
    return v == null ? defaultValue : Long.parseLong(v);
  }

  /**
   * @return true when {@code --name} was given (without a value, or with {@code true})
   */
  public boolean has(String name) {
    check(name);
    return values.containsKey(name) && !"false".equals(values.get(name));
  }

  private void check(String name) {
    if (!accepted.containsKey(name)) {
      // A sample reading a flag it did not declare: a bug in the sample, not in the input.
      throw new IllegalStateException("--" + name + " is not declared by " + command);
    }
  }

  /**
   * Applies the Engine.IO flags every server sample takes: {@code --path}, {@code --ping-interval},
   * {@code --ping-timeout}, {@code --upgrade-timeout}, {@code --max-http-buffer-size}, {@code
   * --no-upgrades}, {@code --per-message-deflate}, {@code --no-http-compression}, {@code
   * --transports a,b}, {@code --cors-origin a,b|*}, {@code --cors-credentials}, {@code
   * --allow-eio3} (accept Socket.IO v2 clients).
   *
   * @param options the options to set
   * @param defaultPath the path when {@code --path} is absent
   * @param <T> the options type
   * @return the same options
   */
  public <T extends EngineOptions> T applyEngineFlags(T options, String defaultPath) {
    options
        .setPath(get("path", defaultPath))
        .setPingInterval(getLong("ping-interval", EngineOptions.DEFAULT_PING_INTERVAL))
        .setPingTimeout(getLong("ping-timeout", EngineOptions.DEFAULT_PING_TIMEOUT))
        .setUpgradeTimeout(getLong("upgrade-timeout", EngineOptions.DEFAULT_UPGRADE_TIMEOUT))
        .setMaxHttpBufferSize(
            (int) getLong("max-http-buffer-size", EngineOptions.DEFAULT_MAX_HTTP_BUFFER_SIZE))
        .setAllowUpgrades(!has("no-upgrades"))
        .setPerMessageDeflate(has("per-message-deflate"))
        .setHttpCompression(!has("no-http-compression"))
        .setAllowEIO3(has("allow-eio3"));
    String transports = get("transports", null);
    if (transports != null) {
      options.setTransports(Arrays.asList(transports.split(",")));
    }
    String origins = get("cors-origin", null);
    if (origins != null) {
      options.setCors(
          new CorsOptions()
              .setAllowedOrigins(List.of(origins.split(",")))
              .setAllowCredentials(has("cors-credentials")));
    }
    return options;
  }
}

package dev.vertio.samples;

import dev.vertio.engineio.CorsOptions;
import dev.vertio.engineio.EngineOptions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
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

  /**
   * Applies the Engine.IO flags every server sample takes: {@code --path}, {@code --ping-interval},
   * {@code --ping-timeout}, {@code --upgrade-timeout}, {@code --max-http-buffer-size},
   * {@code --no-upgrades}, {@code --per-message-deflate}, {@code --no-http-compression},
   * {@code --transports a,b}, {@code --cors-origin a,b|*}, {@code --cors-credentials},
   * {@code --allow-eio3} (accept Socket.IO v2 clients).
   *
   * @param options the options to set
   * @param defaultPath the path when {@code --path} is absent
   * @param <T> the options type
   * @return the same options
   */
  public <T extends EngineOptions> T applyEngineFlags(T options, String defaultPath) {
    options.setPath(get("path", defaultPath))
        .setPingInterval(getLong("ping-interval", EngineOptions.DEFAULT_PING_INTERVAL))
        .setPingTimeout(getLong("ping-timeout", EngineOptions.DEFAULT_PING_TIMEOUT))
        .setUpgradeTimeout(getLong("upgrade-timeout", EngineOptions.DEFAULT_UPGRADE_TIMEOUT))
        .setMaxHttpBufferSize((int) getLong("max-http-buffer-size",
            EngineOptions.DEFAULT_MAX_HTTP_BUFFER_SIZE))
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
      options.setCors(new CorsOptions().setAllowedOrigins(List.of(origins.split(",")))
          .setAllowCredentials(has("cors-credentials")));
    }
    return options;
  }
}

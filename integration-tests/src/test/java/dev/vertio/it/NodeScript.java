package dev.vertio.it;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of this module's Node scripts ({@code src/test/js}) to completion and returns the JSON
 * lines it printed. The scripts bound their own run time; this adds a hard limit on top.
 */
public final class NodeScript {
  private static final Path SCRIPTS = Path.of("src", "test", "js");

  private NodeScript() {}

  /** What a script printed. */
  public record Result(int exitCode, List<JsonObject> events, String stderr) {
    /**
     * @return the events with that {@code event} field, in order
     */
    public List<JsonObject> named(String event) {
      return events.stream().filter(e -> event.equals(e.getString("event"))).toList();
    }

    /**
     * @return the first event with that name, or an assertion error
     */
    public JsonObject first(String event) {
      return events.stream()
          .filter(e -> event.equals(e.getString("event")))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no '" + event + "' event in " + this));
    }
  }

  /**
   * @param script file name under {@code src/test/js}
   * @param args its arguments
   * @return what it printed once it exited
   */
  public static Result run(String script, String... args) {
    return run(Map.of(), script, args);
  }

  /**
   * @param env variables added to the script's environment
   * @param script file name under {@code src/test/js}
   * @param args its arguments
   * @return what it printed once it exited
   */
  public static Result run(Map<String, String> env, String script, String... args) {
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add(SCRIPTS.resolve(script).toString());
    command.addAll(List.of(args));
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
      builder.environment().putAll(env);
      Process process = builder.start();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread errReader =
          new Thread(
              () -> {
                try {
                  process.getErrorStream().transferTo(err);
                } catch (IOException ignored) {
                  // the process ended
                }
              });
      errReader.start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("node " + script + " did not exit");
      }
      errReader.join(5000);
      List<JsonObject> events = new ArrayList<>();
      for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("{")) {
          events.add(new JsonObject(line));
        }
      }
      return new Result(process.exitValue(), events, err.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run node: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }
}

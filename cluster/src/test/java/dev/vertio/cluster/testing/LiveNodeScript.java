package dev.vertio.cluster.testing;

import dev.vertio.engineio.testing.Recorder;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Node script of this module ({@code src/test/js}) running beside the test: each JSON line it
 * prints is recorded as it comes, so the test can act between its events.
 */
public final class LiveNodeScript implements AutoCloseable {
  private final Process process;
  private final Recorder<JsonObject> events = new Recorder<>();

  /**
   * @param script file name under {@code src/test/js}
   * @param args its arguments
   */
  public LiveNodeScript(String script, String... args) {
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add(Path.of("src", "test", "js", script).toString());
    command.addAll(List.of(args));
    try {
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new AssertionError("cannot run node: " + e.getMessage(), e);
    }
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  if (line.startsWith("{")) {
                    events.record(new JsonObject(line));
                  }
                }
              } catch (IOException ignored) {
                // the process ended
              }
            },
            "node-" + script);
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * @return the events printed so far, in order
   */
  public Recorder<JsonObject> events() {
    return events;
  }

  /**
   * @param event the expected {@code event} field
   * @return the next event, which must have that name
   */
  public JsonObject expect(String event) {
    JsonObject next = events.next();
    if (!event.equals(next.getString("event"))) {
      throw new AssertionError("expected a '" + event + "' event, got " + next);
    }
    return next;
  }

  @Override
  public void close() {
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

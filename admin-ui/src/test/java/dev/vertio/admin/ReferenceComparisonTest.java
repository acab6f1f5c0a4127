package dev.vertio.admin;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The same scenario (an application socket, a login, an event, a join and a disconnect from the
 * admin) seen by the official socket.io-client on the admin namespace of the reference (Node
 * socket.io 4.8 instrumented by npm {@code @socket.io/admin-ui} 0.5.1) and of Vertio: the same
 * events with the same contents, once ids, clocks and the order of events are set aside ({@code
 * src/test/js/observe.mjs}, {@code src/test/js/reference-server.mjs}).
 */
class ReferenceComparisonTest {
  private static final String ISO = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
  private static final String JS_DATE =
      "[A-Z][a-z]{2} [A-Z][a-z]{2} \\d\\d \\d{4} \\d\\d:\\d\\d:\\d\\d GMT[+-]\\d{4} \\(.+\\)";

  private final Vertx vertx = Vertx.vertx();
  private Process reference;

  @AfterEach
  void stop() throws Exception {
    if (reference != null) {
      reference.getOutputStream().close(); // it exits when its standard input closes
      if (!reference.waitFor(10, TimeUnit.SECONDS)) {
        reference.destroyForcibly();
      }
    }
    await(vertx.close());
  }

  private int startReference(String hash) throws Exception {
    reference =
        new ProcessBuilder("node", "src/test/js/reference-server.mjs", hash)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String line =
        new BufferedReader(
                new InputStreamReader(reference.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
    assertTrue(line != null && line.startsWith("PORT "), "the reference server said " + line);
    return Integer.parseInt(line.substring(5).trim());
  }

  private int startVertio(String hash) {
    SocketIoServer io = SocketIoServer.create(vertx);
    io.onConnection(
        s -> {
          s.data().put("user", "ann");
          s.join("lobby");
          s.on("hello", (args, ack) -> s.emit("welcome", args.getValue(0)));
        });
    AdminUi.instrument(vertx, io, new AdminUiOptions().setAuth(AdminAuth.basic("admin", hash)));
    return await(io.listen(0, "127.0.0.1")).actualPort();
  }

  private static JsonObject observe(int port) throws Exception {
    Process p =
        new ProcessBuilder("node", "src/test/js/observe.mjs", "http://127.0.0.1:" + port, "pw")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "observe.mjs did not finish");
    String text = new String(out, StandardCharsets.UTF_8).trim();
    assertEquals(0, p.exitValue(), "observe.mjs failed: " + text);
    return new JsonObject(text);
  }

  @Test
  void theAdminNamespaceSaysWhatTheReferenceSays() throws Exception {
    String hash = AdminAuth.hash("pw");
    JsonObject expected = observe(startReference(hash));
    JsonObject actual = observe(startVertio(hash));
    assertEquals(expected.getString("reason"), actual.getString("reason"));
    Map<String, List<Object>> want = byName(expected);
    Map<String, List<Object>> got = byName(actual);
    assertEquals(want.keySet(), got.keySet());
    for (String name : want.keySet()) {
      assertEquals(want.get(name), got.get(name), name);
    }
  }

  /** The events by name, normalized. */
  private static Map<String, List<Object>> byName(JsonObject run) {
    String text =
        run.getJsonArray("events")
            .encode()
            .replace(run.getString("appId"), "APP")
            .replace(run.getString("adminId"), "ADMIN");
    Map<String, List<Object>> out = new TreeMap<>();
    for (Object e : new JsonArray(text)) {
      JsonArray event = (JsonArray) e;
      String name = event.getString(0);
      JsonArray args = new JsonArray(event.getList().subList(1, event.size()));
      if ("server_stats".equals(name)) {
        // values are this process's: compare the fields, once
        if (!out.containsKey(name)) {
          out.put(
              name,
              new ArrayList<>(List.of(new TreeMap<>(args.getJsonObject(0).getMap()).keySet())));
        }
        continue;
      }
      if ("session".equals(name)) {
        assertTrue(args.getString(0).matches("[0-9a-f]{16}"), args.encode());
        args = new JsonArray().add("SESSION");
      }
      out.computeIfAbsent(name, n -> new ArrayList<>()).add(normalize(args));
    }
    // A socket leaving all its rooms leaves them in no particular order here (a set), in joining
    // order in the reference: compare each name's events as a multiset.
    out.values().forEach(list -> list.sort(Comparator.comparing(String::valueOf)));
    return out;
  }

  private static Object normalize(Object value) {
    if (value instanceof String s) {
      return s.matches(ISO) ? "TIMESTAMP" : s;
    }
    if (value instanceof JsonArray a) {
      List<Object> list = new ArrayList<>();
      for (Object o : a) {
        list.add(normalize(o));
      }
      // all_sockets: one namespace's sockets after another, in no particular order
      if (!list.isEmpty()
          && list.stream().allMatch(o -> o instanceof JsonObject j && j.containsKey("nsp"))) {
        list.sort(Comparator.comparing(o -> ((JsonObject) o).getString("nsp", "")));
      }
      return new JsonArray(list);
    }
    if (value instanceof JsonObject o && o.containsKey("handshake")) {
      JsonObject s = o.copy();
      assertTrue(s.getString("clientId").matches("[\\w-]{12}"), s.encode());
      s.put("clientId", "CLIENT");
      s.put("rooms", new JsonArray(s.getJsonArray("rooms").stream().sorted().toList()));
      JsonObject hs = s.getJsonObject("handshake");
      assertTrue(hs.getValue("issued") instanceof Number, hs.encode());
      assertTrue(hs.getString("time").matches(JS_DATE), hs.getString("time"));
      hs.put("issued", "ISSUED").put("time", "TIME");
      // Node reports an IPv4 peer as an IPv4-mapped IPv6 address
      hs.put("address", hs.getString("address").replace("::ffff:", ""));
      hs.put(
          "headers",
          new JsonArray(
              hs.getJsonObject("headers").fieldNames().stream()
                  .sorted()
                  .toList())); // header values hold per-connection keys and ports
      hs.put("query", new JsonObject(new TreeMap<>(hs.getJsonObject("query").getMap())));
      return s;
    }
    return value;
  }
}

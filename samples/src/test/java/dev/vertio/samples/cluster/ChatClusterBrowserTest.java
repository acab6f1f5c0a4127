package dev.vertio.samples.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The chat as a cluster in Debian's headless Chromium (playwright-core, see {@code
 * src/test/js/cluster-scenarios.mjs}): pages on different nodes, and a polling page behind the real
 * HAProxy of {@code samples/cluster/haproxy.cfg}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatClusterBrowserTest {
  private ChatNodes nodes;
  private Haproxy haproxy;

  @BeforeAll
  void start() throws Exception {
    Haproxy.assumeInstalled();
    Files.createDirectories(Path.of("target", "screenshots"));
    nodes = new ChatNodes(3);
    haproxy = new Haproxy(List.of(nodes.port(0), nodes.port(1), nodes.port(2)));
  }

  @AfterAll
  void stop() throws Exception {
    if (haproxy != null) {
      haproxy.close();
    }
    if (nodes != null) {
      nodes.close();
    }
  }

  private String bases() {
    return "http://127.0.0.1:"
        + nodes.port(0)
        + ",http://127.0.0.1:"
        + nodes.port(1)
        + ","
        + haproxy.url();
  }

  private JsonObject run(String scenario) throws Exception {
    Process p =
        new ProcessBuilder(
                "node", "src/test/js/browser.mjs", scenario, bases(), "target/screenshots")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(scenario + " did not finish");
    }
    String text = new String(out, StandardCharsets.UTF_8).trim();
    assertEquals(0, p.exitValue(), scenario + " failed (see the test's stderr): " + text);
    return new JsonObject(text);
  }

  private static String node(String sid) {
    return sid.substring(0, sid.indexOf('.'));
  }

  @Test
  void pagesOnDifferentNodesAndAPollingPageBehindTheBalancerLogInAndChat() throws Exception {
    int forwardedBefore = nodes.forwarded();
    JsonObject found = run("chat-cluster-pages");
    assertNotEquals(node(found.getString("alice")), node(found.getString("bob")), found.encode());
    assertEquals("polling", found.getString("carolTransport"));
    assertTrue(nodes.forwarded() > forwardedBefore, "no request of the polling page forwarded");
    assertTrue(Files.size(Path.of("target/screenshots/chat-cluster-carol.png")) > 10_000);
  }

  @Test
  void twoPagesOnDifferentNodesSeeEachOthersMessages() throws Exception {
    JsonObject found = run("chat-cluster-across");
    assertNotEquals(node(found.getString("alice")), node(found.getString("bob")), found.encode());
  }
}

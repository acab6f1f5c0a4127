package dev.vertio.samples;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.samples.chat.ChatServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The official Socket.IO Admin UI (npm {@code @socket.io/admin-ui}'s page, served by the chat
 * sample at {@code /admin/}) in Debian's headless Chromium: it logs in through its form, lists two
 * chat pages' sockets and rooms, and disconnects one, whose page says so (scenario {@code
 * admin-ui}, {@code src/test/js/admin.mjs}). Screenshots: {@code target/screenshots/admin-ui*.png}.
 */
class AdminUiBrowserTest {
  private static final String PASSWORD = "s3cret-admin";
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  @Test
  void theAdminUiSeesTwoChatPagesAndDisconnectsOne() throws Exception {
    Files.createDirectories(Path.of("target", "screenshots"));
    int port =
        await(
                ChatServer.start(
                    vertx,
                    ChatServer.commandLine(
                        new String[] {
                          "--port", "0", "--host", "127.0.0.1", "--admin-password", PASSWORD
                        })))
            .actualPort();
    ProcessBuilder pb =
        new ProcessBuilder(
                "node",
                "src/test/js/browser.mjs",
                "admin-ui",
                "http://127.0.0.1:" + port,
                "target/screenshots")
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("ADMIN_PASSWORD", PASSWORD);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("admin-ui did not finish");
    }
    String text = new String(out, StandardCharsets.UTF_8).trim();
    assertEquals(0, p.exitValue(), "admin-ui failed (see the test's stderr): " + text);
    JsonObject found = new JsonObject(text);
    assertTrue(found.getJsonArray("sockets").contains(found.getString("bobId")));
    assertEquals("io server disconnect", found.getString("reason"));
    assertTrue(found.getString("banner").startsWith("Disconnected by the server"));
    assertTrue(Files.size(Path.of("target/screenshots/admin-ui.png")) > 10_000);
  }
}

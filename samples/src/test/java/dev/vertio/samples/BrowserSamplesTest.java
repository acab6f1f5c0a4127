package dev.vertio.samples;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.samples.bot.ChatBot;
import dev.vertio.samples.chat.ChatServer;
import dev.vertio.samples.game.GameServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The chat and game pages in Debian's headless Chromium (playwright-core, see {@code
 * src/test/js/scenarios.mjs}) against the samples started here on free ports, with the Java bot in
 * {@code #general}. Screenshots go to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserSamplesTest {
  private final Vertx vertx = Vertx.vertx();
  private String chatUrl;
  private String gameUrl;
  private ChatBot bot;

  @BeforeAll
  void start() throws IOException {
    Files.createDirectories(Path.of("target", "screenshots"));
    int chat =
        await(ChatServer.start(vertx, ChatServer.commandLine("--port", "0", "--host", "127.0.0.1")))
            .actualPort();
    int game =
        await(GameServer.start(vertx, GameServer.commandLine("--port", "0", "--host", "127.0.0.1")))
            .actualPort();
    chatUrl = "http://127.0.0.1:" + chat;
    gameUrl = "http://127.0.0.1:" + game;
    bot = await(ChatBot.start(vertx, chatUrl, "general", "bot"));
  }

  @AfterAll
  void stop() {
    await(bot.close());
    await(vertx.close());
  }

  private JsonObject run(String scenario, String url) throws Exception {
    Process p =
        new ProcessBuilder("node", "src/test/js/browser.mjs", scenario, url, "target/screenshots")
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

  @Test
  void twoPagesChatInARoomWithTypingAcksAndAnImage() throws Exception {
    JsonObject found = run("chat-two-pages", chatUrl);
    assertEquals("websocket", found.getString("alice"));
    assertTrue(found.getString("members").contains("alice"));
    assertTrue(Files.size(Path.of("target/screenshots/chat.png")) > 10_000);
  }

  @Test
  void aPageWithoutWebSocketChatsOverPolling() throws Exception {
    JsonObject found = run("chat-polling", chatUrl);
    assertEquals("polling", found.getString("carol"));
    assertEquals("websocket", found.getString("dave"));
  }

  @Test
  void aPageThatWasOfflineShowsTheMessagesItMissed() throws Exception {
    JsonObject found = run("chat-offline", chatUrl);
    assertEquals(true, found.getBoolean("recovered"));
    assertTrue(found.getString("notice").contains("2 missed messages"));
  }

  @Test
  void theReadmesPlainWebSocketPageChatsWithASocketIoPage() throws Exception {
    JsonObject found = run("chat-plain", chatUrl);
    assertTrue(found.getString("members").contains("plain"));
    assertEquals(
        "hi plain page", found.getJsonObject("received").getJsonObject("data").getString("text"));
  }

  @Test
  void theJavaBotAnswersAPageInItsRoom() throws Exception {
    JsonObject found = run("chat-bot", chatUrl);
    assertTrue(found.getString("who").contains("gina"));
  }

  @Test
  void twoGamePagesSeeEachOtherMove() throws Exception {
    JsonObject found = run("game-two-pages", gameUrl);
    assertTrue(found.getInteger("frames") > 5);
    assertTrue(Files.size(Path.of("target/screenshots/game.png")) > 10_000);
  }
}

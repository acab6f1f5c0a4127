package dev.vertio.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of the README stands, line for line, in {@code ReadmeExamples}, which the build
 * compiles: a README example that stops compiling fails the build.
 */
class ReadmeExamplesTest {

  private static List<String> javaBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    int at = 0;
    while ((at = markdown.indexOf("```java\n", at)) >= 0) {
      int end = markdown.indexOf("```", at + 8);
      blocks.add(markdown.substring(at + 8, end));
      at = end + 3;
    }
    return blocks;
  }

  private static String normalize(String code) {
    StringBuilder sb = new StringBuilder();
    for (String line : code.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty()) {
        sb.append(t).append('\n');
      }
    }
    return sb.toString();
  }

  @Test
  void everyReadmeJavaBlockIsCompiledInReadmeExamples() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    String source =
        normalize(
            Files.readString(
                Path.of(
                    "src",
                    "main",
                    "java",
                    "dev",
                    "vertio",
                    "samples",
                    "readme",
                    "ReadmeExamples.java")));
    List<String> blocks = javaBlocks(readme);
    assertFalse(blocks.isEmpty(), "the README has Java examples");
    for (String block : blocks) {
      assertTrue(
          source.contains(normalize(block)),
          "README block not found verbatim in ReadmeExamples.java:\n" + block);
    }
  }

  @Test
  void theReadmesPlainWebSocketPageIsTheOneTheBrowserTestDrives() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int at = readme.indexOf("```html\n<!doctype html><meta charset=\"utf-8\"><title>Plain");
    assertTrue(at >= 0, "the README shows the plain WebSocket page");
    String block = readme.substring(at + 8, readme.indexOf("```", at + 8));
    String page =
        Files.readString(Path.of("src", "main", "resources", "webroot", "chat", "plain.html"));
    assertEquals(page, block);
    assertTrue(page.strip().split("\n").length <= 10, "ten lines at most");
  }
}

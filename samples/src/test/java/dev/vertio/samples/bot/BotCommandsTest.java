package dev.vertio.samples.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the bot answers, and that it ignores ordinary chat. */
class BotCommandsTest {
  private final BotCommands commands = new BotCommands(() -> List.of("ann", "bot"));

  @Test
  void answersItsCommands() {
    assertEquals("hello there", commands.answer("/echo   hello there "));
    assertEquals("usage: /echo <text>", commands.answer("/echo"));
    assertEquals("in this room: ann, bot", commands.answer("/who"));
    assertTrue(commands.answer("/time").startsWith("server time: "));
    assertEquals(BotCommands.HELP, commands.answer("/help"));
    assertTrue(commands.answer("/dance").startsWith("unknown command /dance"));
  }

  @Test
  void ignoresOrdinaryChat() {
    assertNull(commands.answer("hello /echo"));
    assertNull(commands.answer(""));
  }
}

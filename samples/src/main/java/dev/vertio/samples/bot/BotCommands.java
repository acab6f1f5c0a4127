package dev.vertio.samples.bot;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;

/** The bot's commands: what it answers to a chat line, or null when the line is not for it. */
final class BotCommands {
  static final String HELP = "commands: /time, /echo <text>, /who, /help";
  private final Supplier<List<String>> members;

  BotCommands(Supplier<List<String>> members) {
    this.members = members;
  }

  String answer(String line) {
    String text = line.strip();
    if (!text.startsWith("/")) {
      return null;
    }
    int space = text.indexOf(' ');
    String command = space < 0 ? text : text.substring(0, space);
    String rest = space < 0 ? "" : text.substring(space + 1).strip();
    switch (command) {
      case "/time":
        return "server time: " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME);
      case "/echo":
        return rest.isEmpty() ? "usage: /echo <text>" : rest;
      case "/who":
        return "in this room: " + String.join(", ", members.get());
      case "/help":
        return HELP;
      default:
        return "unknown command " + command + "; " + HELP;
    }
  }
}

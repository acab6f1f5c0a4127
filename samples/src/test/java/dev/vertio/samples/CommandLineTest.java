package dev.vertio.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.samples.CommandLine.UsageException;
import dev.vertio.samples.chat.ChatServer;
import dev.vertio.samples.echo.SocketIoEchoServer;
import org.junit.jupiter.api.Test;

/** Each sample takes the flags it declares and refuses anything else with its usage. */
class CommandLineTest {

  private static String refused(String... args) {
    return assertThrows(UsageException.class, () -> ChatServer.commandLine(args)).getMessage();
  }

  @Test
  void declaredFlagsAreRead() {
    CommandLine cli =
        ChatServer.commandLine(
            "--port",
            "0",
            "--host=127.0.0.1",
            "--no-upgrades",
            "--per-message-deflate=false",
            "--cors-origin",
            "*");
    assertEquals(0, cli.getLong("port", 3000));
    assertEquals("127.0.0.1", cli.get("host", null));
    assertTrue(cli.has("no-upgrades"));
    assertFalse(cli.has("per-message-deflate"));
    assertEquals("*", cli.get("cors-origin", null));
    assertEquals(50, cli.getLong("history", 50));
  }

  @Test
  void anUnknownFlagIsNamedWithTheUsage() {
    String message = refused("--port", "0", "--bogus");
    assertTrue(message.startsWith("unknown flag --bogus\n"), message);
    assertTrue(message.contains("usage: java -jar vertio-samples.jar chat [flags]"), message);
    assertTrue(message.contains("--tls-cert <text>"), message);
    assertTrue(message.contains("--max-image-bytes <n>"), message);
  }

  @Test
  void aFlagOfAnotherSampleIsUnknown() {
    String message =
        assertThrows(
                UsageException.class,
                () ->
                    new CommandLine("echo", new String[] {"--tick", "5"}, SocketIoEchoServer.FLAGS))
            .getMessage();
    assertTrue(message.startsWith("unknown flag --tick\n"), message);
    assertTrue(message.contains("--connect-timeout <n>"), message);
  }

  @Test
  void aMalformedNumberIsNamed() {
    assertTrue(refused("--port", "abc").startsWith("--port takes a whole number, not 'abc'\n"));
    assertTrue(refused("--history=1e3").startsWith("--history takes a whole number"));
  }

  @Test
  void aMissingValueIsNamed() {
    assertTrue(refused("--port").startsWith("--port needs a value\n"));
    assertTrue(refused("--tls-cert", "--tls-key", "k.pem").startsWith("--tls-cert needs a value"));
  }

  @Test
  void aSwitchTakesNoValueAndAStrayArgumentIsRefused() {
    assertTrue(refused("--no-upgrades=yes").startsWith("--no-upgrades takes no value"));
    assertTrue(refused("3000").startsWith("unexpected argument '3000'"));
    assertTrue(refused("--").startsWith("unexpected argument '--'"));
  }

  @Test
  void readingAnUndeclaredFlagIsASampleBug() {
    assertThrows(IllegalStateException.class, () -> ChatServer.commandLine().get("tick", null));
  }
}

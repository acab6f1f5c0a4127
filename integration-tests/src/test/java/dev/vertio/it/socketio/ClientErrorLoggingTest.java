package dev.vertio.it.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.Recorder;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.parser.SocketParseException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client's bad packet is a normal event, not a server failure: the connection closes with the
 * protocol's reason, the socket's error handler hears of it, and the log gets one debug line naming
 * the session, never a warning or a stack trace.
 */
class ClientErrorLoggingTest {
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final Logger root = Logger.getLogger("");
  private final Logger connectionLogger =
      Logger.getLogger("dev.vertio.socketio.impl.ClientConnection");
  private Level previous;
  private ServerFixture f;

  @BeforeEach
  void captureLogs() {
    root.addHandler(capture);
    capture.setLevel(Level.ALL);
    previous = connectionLogger.getLevel();
    connectionLogger.setLevel(Level.FINE);
  }

  @AfterEach
  void tearDown() {
    f.close();
    root.removeHandler(capture);
    connectionLogger.setLevel(previous);
  }

  @Test
  void invalidJsonFromAClientIsLoggedAtDebugWithoutAStackTrace() {
    Recorder<String> server = new Recorder<>();
    f = new ServerFixture(new SocketIoOptions());
    f.io.onConnection(
        s -> {
          s.onError(t -> server.record("error " + t.getClass().getSimpleName()));
          s.onDisconnect(reason -> server.record("disconnect " + reason));
        });
    int bad = 20;
    for (int i = 0; i < bad; i++) {
      RawSocketIoPeer peer = new RawSocketIoPeer(f.vertx, f.port);
      assertTrue(peer.connect("/").startsWith("40{\"sid\":\""));
      peer.send("42[\"e\",{\"unterminated\":");
      peer.expectClosed();
      assertEquals("error " + SocketParseException.class.getSimpleName(), server.next());
      assertEquals("disconnect forced close", server.next());
    }
    RawSocketIoPeer healthy = new RawSocketIoPeer(f.vertx, f.port);
    assertTrue(healthy.connect("/").startsWith("40{\"sid\":\""));

    for (LogRecord r : records) {
      assertTrue(
          r.getLevel().intValue() < Level.INFO.intValue(),
          "logged at " + r.getLevel() + ": " + r.getMessage());
      assertNull(r.getThrown(), "a stack trace for a client's bad packet: " + r.getMessage());
    }
    List<LogRecord> lines =
        records.stream().filter(r -> r.getLoggerName().equals(connectionLogger.getName())).toList();
    assertEquals(bad, lines.size(), "one debug line per closed connection");
    assertTrue(lines.get(0).getMessage().contains("session"), lines.get(0).getMessage());
  }

  @Test
  void withoutAnErrorHandlerNothingIsLoggedAboveDebug() {
    f = new ServerFixture(new SocketIoOptions());
    Recorder<String> server = new Recorder<>();
    f.io.onConnection(s -> s.onDisconnect(reason -> server.record("disconnect " + reason)));
    RawSocketIoPeer peer = new RawSocketIoPeer(f.vertx, f.port);
    assertTrue(peer.connect("/").startsWith("40{\"sid\":\""));
    peer.send("42[\"e\"");
    peer.expectClosed();
    assertEquals("disconnect forced close", server.next());
    for (LogRecord r : records) {
      assertTrue(
          r.getLevel().intValue() < Level.INFO.intValue(),
          "logged at " + r.getLevel() + ": " + r.getMessage());
    }
  }
}

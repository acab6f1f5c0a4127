package dev.vertio.bench.scenario;

import dev.vertio.bench.load.BenchSession;
import dev.vertio.bench.load.LoadGenerator;
import dev.vertio.bench.load.PacketListener;
import dev.vertio.bench.load.PollingSession;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * One connect/disconnect cycle of the soak: connect to {@code /} (WebSocket, polling, or polling
 * then upgrade), {@code join} the room with an acknowledgement, an {@code ack} round trip, {@code
 * ask-me} (the server then awaits an acknowledgement of {@code ask}, answered on every other
 * cycle), a {@code broadcast} to the room until the client's own copy comes back, then a
 * disconnect: over WebSocket a namespace disconnect on every third cycle, else the transport just
 * closes (the server keeps the session for recovery).
 */
final class SoakCycle implements PacketListener {
  /** How a cycle reaches the server. */
  enum Mode {
    WEBSOCKET,
    POLLING,
    UPGRADE
  }

  private static final long TIMEOUT_MS = 30_000;

  private final LoadGenerator generator;
  private final Mode mode;
  private final String tag;
  private final boolean answerAsk;
  private final boolean namespaceDisconnect;
  private final Promise<Void> done = Promise.promise();
  private BenchSession session;

  private SoakCycle(LoadGenerator generator, Mode mode, long n) {
    this.generator = generator;
    this.mode = mode;
    this.tag = "c" + n;
    this.answerAsk = n % 2 == 1;
    this.namespaceDisconnect = mode == Mode.WEBSOCKET && n % 3 == 0;
  }

  /**
   * @param generator the generator
   * @param mode the transport(s)
   * @param n the cycle's number
   * @return completes once the client closed; fails when the cycle broke or took over 30 s
   */
  static Future<Void> run(LoadGenerator generator, Mode mode, long n) {
    SoakCycle cycle = new SoakCycle(generator, mode, n);
    Future<? extends BenchSession> connected =
        mode == Mode.WEBSOCKET
            ? generator.connectWebSocket(cycle)
            : generator.connectPolling(cycle);
    connected
        .onFailure(cycle.done::tryFail)
        .onSuccess(
            s -> {
              cycle.session = s;
              long timer =
                  generator
                      .vertx()
                      .setTimer(
                          TIMEOUT_MS,
                          t -> {
                            if (cycle.done.tryFail(
                                "cycle " + cycle.tag + " took over " + TIMEOUT_MS + " ms")) {
                              s.close();
                            }
                          });
              cycle.done.future().onComplete(ar -> generator.vertx().cancelTimer(timer));
              s.context().runOnContext(v -> s.send("21[\"join\"]"));
            });
    return cycle.done.future();
  }

  @Override
  public void onPacket(BenchSession s, String packet) {
    if (done.future().isComplete()) {
      return;
    }
    if (packet.startsWith("31")) {
      if (mode == Mode.UPGRADE) {
        generator
            .upgrade((PollingSession) s)
            .onFailure(done::tryFail)
            .onSuccess(v -> s.send("22[\"ack\",\"" + tag + "\"]"));
      } else {
        s.send("22[\"ack\",\"" + tag + "\"]");
      }
    } else if (packet.startsWith("32")) {
      s.send("2[\"ask-me\"]");
      s.send("2[\"broadcast\",\"" + tag + "\"]");
    } else if (packet.startsWith("2[\"bcast\",\"" + tag + "\"")) {
      if (namespaceDisconnect) {
        s.send("1");
      }
      s.close();
      done.tryComplete();
    } else if (packet.length() > 1
        && Character.isDigit(packet.charAt(1))
        && packet.contains("[\"ask\"")) {
      if (answerAsk) {
        s.send("3" + packet.substring(1, packet.indexOf('[')) + "[]");
      }
    }
  }
}

package dev.vertio.engineio.impl;

import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.engineio.parser.EnginePacketType;
import dev.vertio.engineio.spi.Scheduler;
import dev.vertio.engineio.spi.Transport;
import dev.vertio.engineio.spi.TransportListener;
import java.util.List;
import java.util.function.Consumer;

/**
 * The probe dance of an upgrade from polling to WebSocket, on the candidate transport
 * (engine.io-protocol, "Upgrade"): the client sends {@code 2probe}, the server answers {@code
 * 3probe} and ends the pending poll with a noop, the client sends {@code 5} and the session moves
 * to the WebSocket. Anything else, a close of the WebSocket, or {@code upgradeTimeout} abandons the
 * upgrade; the session goes on polling.
 *
 * <p>The WebSocket may live on another event loop than the session: its events reach this object as
 * tasks on the session's context, and those already queued when the upgrade packet's task switches
 * the session's listener still come here. After the upgrade they are the session's (a close right
 * after {@code 5} ends the session, a message right after it is delivered).
 */
final class WebSocketUpgrade implements TransportListener {
  private final UpgradeHost session;
  private final Transport candidate;
  private final Scheduler scheduler;
  private final long timeoutMs;
  private long timer = -1;
  private boolean probed;
  private boolean done;
  private boolean upgraded;

  /**
   * @param session the session being upgraded
   * @param candidate the WebSocket it may move to
   * @param scheduler the clock, timers and thread of the session's context
   * @param timeoutMs {@code upgradeTimeout}
   */
  WebSocketUpgrade(UpgradeHost session, Transport candidate, Scheduler scheduler, long timeoutMs) {
    this.session = session;
    this.candidate = candidate;
    this.scheduler = scheduler;
    this.timeoutMs = timeoutMs;
  }

  /**
   * Starts listening, on the session's context, once the session holds this upgrade: the WebSocket
   * may have closed already, and then reports it at once.
   */
  void start() {
    timer = scheduler.schedule(timeoutMs, this::fail);
    candidate.listener(this);
  }

  boolean probed() {
    return probed;
  }

  @Override
  public void onPacket(EnginePacket packet) {
    scheduler.execute(
        () -> {
          if (upgraded) {
            session.onPacket(packet);
            return;
          }
          if (done) {
            return;
          }
          if (packet.type() == EnginePacketType.PING && "probe".equals(packet.text())) {
            candidate.send(List.of(EnginePacket.PONG_PROBE));
            probed = true;
            session.onProbed();
          } else if (packet.type() == EnginePacketType.UPGRADE) {
            done = true;
            upgraded = true;
            scheduler.cancel(timer);
            session.onUpgraded(candidate);
          } else {
            fail();
          }
        });
  }

  @Override
  public void onDrain() {
    scheduler.execute(
        () -> {
          if (upgraded) {
            session.onDrain();
          }
        });
  }

  @Override
  public void onClose() {
    toSessionOrAbandon(TransportListener::onClose);
  }

  @Override
  public void onError(String description) {
    toSessionOrAbandon(l -> l.onError(description));
  }

  @Override
  public void onParseError(String description) {
    toSessionOrAbandon(l -> l.onParseError(description));
  }

  /** After the upgrade the event is the session's; before it, it abandons the upgrade. */
  private void toSessionOrAbandon(Consumer<TransportListener> event) {
    scheduler.execute(
        () -> {
          if (upgraded) {
            event.accept(session);
          } else {
            fail();
          }
        });
  }

  private void fail() {
    if (!done) {
      abort();
      session.onUpgradeFailed();
    }
  }

  /** Abandons the upgrade: the WebSocket is closed, the session keeps its transport. */
  void abort() {
    if (!done) {
      done = true;
      if (timer >= 0) {
        scheduler.cancel(timer);
      }
      candidate.close();
    }
  }
}

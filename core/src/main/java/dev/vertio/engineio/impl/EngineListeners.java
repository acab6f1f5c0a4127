package dev.vertio.engineio.impl;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineConnectionError;
import dev.vertio.engineio.EngineListener;
import dev.vertio.engineio.EngineSession;
import java.util.Arrays;

/**
 * The engine's listeners as one: a copy-on-write array, so that telling them costs a volatile read
 * and a loop, and nothing when there are none. A listener that throws is logged and skipped.
 */
final class EngineListeners implements EngineListener {
  private static final System.Logger LOG = System.getLogger(EngineListeners.class.getName());
  private static final EngineListener[] NONE = new EngineListener[0];

  private volatile EngineListener[] all = NONE;

  synchronized void add(EngineListener listener) {
    EngineListener[] next = Arrays.copyOf(all, all.length + 1);
    next[all.length] = listener;
    all = next;
  }

  synchronized void remove(EngineListener listener) {
    all = Arrays.stream(all).filter(l -> l != listener).toArray(EngineListener[]::new);
  }

  static void failed(Object listener, Throwable t) {
    LOG.log(System.Logger.Level.WARNING, "listener " + listener + " failed", t);
  }

  @Override
  public void sessionOpened(EngineSession session) {
    for (EngineListener l : all) {
      try {
        l.sessionOpened(session);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  @Override
  public void sessionUpgraded(EngineSession session) {
    for (EngineListener l : all) {
      try {
        l.sessionUpgraded(session);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  @Override
  public void upgradeFailed(EngineSession session) {
    for (EngineListener l : all) {
      try {
        l.upgradeFailed(session);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  @Override
  public void sessionClosed(EngineSession session, EngineCloseReason reason) {
    for (EngineListener l : all) {
      try {
        l.sessionClosed(session, reason);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  @Override
  public void connectionRefused(EngineConnectionError error) {
    for (EngineListener l : all) {
      try {
        l.connectionRefused(error);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }
}

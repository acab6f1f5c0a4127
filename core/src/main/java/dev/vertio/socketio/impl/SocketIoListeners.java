package dev.vertio.socketio.impl;

import dev.vertio.engineio.EngineSession;
import dev.vertio.socketio.Namespace;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketIoListener;
import io.vertx.core.json.JsonArray;
import java.util.Arrays;

/**
 * The Socket.IO layer's listeners as one: a copy-on-write array, so that telling them costs a
 * volatile read and a loop; callers skip work done only for listeners (sizes, clocks) when {@link
 * #active()} is false. A listener that throws is logged and skipped. The engine's events reach the
 * same listeners through the engine.
 */
final class SocketIoListeners implements SocketIoListener {
  private static final System.Logger LOG = System.getLogger(SocketIoListeners.class.getName());
  private static final SocketIoListener[] NONE = new SocketIoListener[0];

  private volatile SocketIoListener[] all = NONE;

  synchronized void add(SocketIoListener listener) {
    SocketIoListener[] next = Arrays.copyOf(all, all.length + 1);
    next[all.length] = listener;
    all = next;
  }

  synchronized void remove(SocketIoListener listener) {
    all = Arrays.stream(all).filter(l -> l != listener).toArray(SocketIoListener[]::new);
  }

  /**
   * @return true when at least one listener is there
   */
  boolean active() {
    return all.length > 0;
  }

  private static void failed(Object listener, Throwable t) {
    LOG.log(System.Logger.Level.WARNING, "listener " + listener + " failed", t);
  }

  @Override
  public void namespaceCreated(Namespace namespace) {
    for (SocketIoListener l : all) {
      try {
        l.namespaceCreated(namespace);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  @Override
  public void socketConnected(Socket socket) {
    for (SocketIoListener l : all) {
      try {
        l.socketConnected(socket);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  @Override
  public void socketDisconnected(Socket socket, String reason) {
    for (SocketIoListener l : all) {
      try {
        l.socketDisconnected(socket, reason);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  @Override
  public void connectRefused(String namespace, String message, EngineSession session) {
    for (SocketIoListener l : all) {
      try {
        l.connectRefused(namespace, message, session);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  @Override
  public void roomJoined(Namespace namespace, String socketId, String room) {
    for (SocketIoListener l : all) {
      try {
        l.roomJoined(namespace, socketId, room);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  @Override
  public void roomLeft(Namespace namespace, String socketId, String room) {
    for (SocketIoListener l : all) {
      try {
        l.roomLeft(namespace, socketId, room);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  @Override
  public void eventReceived(Socket socket, String event, JsonArray args, int bytes) {
    for (SocketIoListener l : all) {
      try {
        l.eventReceived(socket, event, args, bytes);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  @Override
  public void eventSent(Socket socket, String event, JsonArray args, int bytes) {
    for (SocketIoListener l : all) {
      try {
        l.eventSent(socket, event, args, bytes);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  @Override
  public void ackReceived(Namespace namespace, long roundTripNanos) {
    for (SocketIoListener l : all) {
      try {
        l.ackReceived(namespace, roundTripNanos);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  @Override
  public void ackTimedOut(Namespace namespace) {
    for (SocketIoListener l : all) {
      try {
        l.ackTimedOut(namespace);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  @Override
  public void broadcast(Namespace namespace, String event, int localRecipients) {
    for (SocketIoListener l : all) {
      try {
        l.broadcast(namespace, event, localRecipients);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  @Override
  public void recoveryAttempted(Namespace namespace, boolean recovered) {
    for (SocketIoListener l : all) {
      try {
        l.recoveryAttempted(namespace, recovered);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }
}

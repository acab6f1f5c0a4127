package dev.vertio.socketio.impl.warmup;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;

/**
 * The short life most real clients of a busy server have, and the one a restarted server sees by
 * the thousand when its clients come back: open a WebSocket, connect to the main namespace, join
 * a room (acknowledged), emit one acknowledged event, close. Cheap enough to run many times more
 * often than a {@link WarmupCycle}, so the per-connection paths (accept, handshake, session and
 * socket set-up, join, close and clean-up) are called often enough for the JIT's optimizing
 * compiler, not only its first tier.
 */
final class WarmupLightCycle {
  private static final long TIMEOUT_MS = 10_000;

  private final WarmupClients clients;
  private final String room;
  private final Promise<Void> done = Promise.promise();
  private WebSocket ws;
  private boolean acked;
  private long timer;

  WarmupLightCycle(WarmupClients clients, long n) {
    this.clients = clients;
    this.room = "r" + (n % WarmupServer.ROOMS);
  }

  /** @return completes when the connection is closed; fails on a timeout or an error */
  Future<Void> run() {
    timer = clients.vertx().setTimer(TIMEOUT_MS, id -> fail(new IllegalStateException(
        "warm-up cycle timed out")));
    clients.webSocket("EIO=4&transport=websocket").onSuccess(socket -> {
      ws = socket;
      socket.textMessageHandler(this::onText);
      socket.exceptionHandler(this::fail);
      socket.closeHandler(v -> finish());
    }).onFailure(this::fail);
    return done.future();
  }

  private void onText(String packet) {
    if (packet.startsWith("0")) {
      ws.writeTextMessage("40");
    } else if (packet.equals("2")) {
      ws.writeTextMessage("3");
    } else if (packet.startsWith("40")) {
      ws.writeTextMessage("421[\"" + WarmupServer.JOIN + "\",\"" + room + "\",{}]");
    } else if (packet.startsWith("431[")) {
      ws.writeTextMessage("422[\"" + WarmupServer.ECHO + "\",1,{\"t\":1}]");
    } else if (packet.startsWith("432[") && !acked) {
      acked = true;
      ws.close();
    }
    // the server's acknowledgement request (51-...) and its attachment are left unanswered
  }

  private void finish() {
    clients.vertx().cancelTimer(timer);
    if (acked) {
      done.tryComplete();
    } else {
      done.tryFail("closed before the cycle ended");
    }
  }

  private void fail(Throwable err) {
    clients.vertx().cancelTimer(timer);
    if (done.tryFail(err) && ws != null) {
      ws.close();
    }
  }
}

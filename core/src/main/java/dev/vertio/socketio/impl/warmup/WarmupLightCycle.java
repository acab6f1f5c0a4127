package dev.vertio.socketio.impl.warmup;

/**
 * The short life most real clients of a busy server have, and the one a restarted server sees by
 * the thousand when its clients come back: open a WebSocket, connect to the main namespace, join a
 * room (acknowledged), emit one acknowledged event, close. Cheap enough to run many times more
 * often than a {@link WarmupCycle}, so the per-connection paths (accept, handshake, session and
 * socket set-up, join, close and clean-up) are called often enough for the JIT's optimizing
 * compiler, not only its first tier.
 */
final class WarmupLightCycle extends WarmupClientLife {
  private final String room;
  private final long number;
  private boolean acked;

  private static final long[] POWERS = new long[13];

  static {
    long p = 1;
    for (int i = 0; i < POWERS.length; i++) {
      POWERS[i] = p;
      p *= 10;
    }
  }

  WarmupLightCycle(WarmupClients clients, long n) {
    super(clients);
    // half join a room of their own (created, then gone when they leave), a quarter a shared room,
    // a quarter the room the server names by a constant
    this.room =
        n % 2 == 1 ? "own" + n : n % 4 == 0 ? "r" + (n % WarmupServer.ROOMS) : WarmupServer.LOBBY;
    // applications' numbers have any length (counters, ids, timestamps): 1 to 13 digits here, so
    // that the JSON parser and writer take each length's path
    this.number = POWERS[(int) (n % POWERS.length)] + n % 1000;
  }

  @Override
  void start() {
    clients
        .webSocket("EIO=4&transport=websocket")
        .onSuccess(
            socket -> {
              ws = socket;
              socket.textMessageHandler(this::onText);
              socket.exceptionHandler(this::fail);
              socket.closeHandler(v -> finish());
            })
        .onFailure(this::fail);
  }

  @Override
  boolean ended() {
    return acked;
  }

  private void onText(String packet) {
    if (packet.startsWith("0")) {
      ws.writeTextMessage("40");
    } else if (packet.equals("2")) {
      ws.writeTextMessage("3");
    } else if (packet.startsWith("40")) {
      ws.writeTextMessage("421[\"" + WarmupServer.JOIN + "\",\"" + room + "\",{}]");
    } else if (packet.startsWith("431[")) {
      ws.writeTextMessage(
          "422[\"" + WarmupServer.ECHO + "\"," + number + ",{\"t\":" + (number / 7) + "}]");
    } else if (packet.startsWith("432[") && !acked) {
      acked = true;
      ws.close();
    }
    // the server's acknowledgement request (51-...) and its attachment are left unanswered
  }
}

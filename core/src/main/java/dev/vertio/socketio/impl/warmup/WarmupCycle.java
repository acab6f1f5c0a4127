package dev.vertio.socketio.impl.warmup;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One warm-up client's life, in Engine.IO/Socket.IO packets built by hand: connect (straight over
 * WebSocket, or over polling then upgraded the way browsers do), join the namespace, answer the
 * server's pings and acknowledgement request, emit an acknowledged event, a typed event, a binary
 * event and a broadcast, see its broadcast come back, then end in one of three ways (namespace
 * disconnect, transport close, disconnected by the server).
 */
final class WarmupCycle extends WarmupClientLife {
  private static final char SEPARATOR = '\u001e';

  /** Acknowledged events each client sends at once: the per-message paths get most calls. */
  private static final int BURST = 16;

  /** Broadcasts each client sends. */
  private static final int BROADCASTS = 2;

  private static final int POLLING_EVERY = Integer.getInteger("vertio.warmup.pollingEvery", 4);
  private static final String PAYLOAD = "\"" + "w".repeat(1024) + "\"";
  private static final Buffer ATTACHMENT = Buffer.buffer(new byte[] {1, 2, 3});

  private final boolean polling;
  private final int ending;
  private final String room;
  private final List<String> outbox = new ArrayList<>();
  private String sid;
  private boolean probing;
  private boolean upgraded;
  private boolean posting;
  private boolean ended;
  private boolean gotBroadcast;
  private boolean gotBinaryAck;
  private int echoAcks;
  private int awaitingAttachment;

  WarmupCycle(WarmupClients clients, long n) {
    super(clients);
    // one in four the way browsers connect (polling, then upgrade), the rest straight WebSocket
    this.polling = POLLING_EVERY > 0 && n % POLLING_EVERY == POLLING_EVERY - 1;
    this.ending = (int) (n % 3);
    this.room = "r" + (n % WarmupServer.ROOMS);
  }

  @Override
  void start() {
    if (polling) {
      clients
          .request("EIO=4&transport=polling", null)
          .onSuccess(this::onHandshake)
          .onFailure(this::fail);
    } else {
      clients
          .webSocket("EIO=4&transport=websocket")
          .onSuccess(this::onWebSocket)
          .onFailure(this::fail);
    }
  }

  @Override
  boolean ended() {
    return ended;
  }

  /**
   * A receiver that joins the room and then stops reading, so broadcasts to it pile up: the
   * slow-consumer paths (unwritable connection, buffered bytes, its close) get warm too.
   *
   * @param clients the clients
   * @return the receiver's WebSocket: resume it before closing, or its close handshake waits
   */
  static Future<WebSocket> stalledReceiver(WarmupClients clients) {
    return clients
        .webSocket("EIO=4&transport=websocket")
        .onSuccess(
            ws ->
                ws.textMessageHandler(
                    text -> {
                      if (text.startsWith("0")) {
                        ws.writeTextMessage("40");
                      } else if (text.startsWith("40")) {
                        for (int room = 0; room < WarmupServer.ROOMS; room++) {
                          ws.writeTextMessage(
                              "42"
                                  + (room + 1)
                                  + "[\""
                                  + WarmupServer.JOIN
                                  + "\",\"r"
                                  + room
                                  + "\",{}]");
                        }
                      } else if (text.startsWith("43" + WarmupServer.ROOMS + "[")) {
                        ws.pause();
                      } else if (text.equals("2")) {
                        ws.writeTextMessage("3");
                      }
                    }));
  }

  private void onHandshake(String body) {
    sid = new JsonObject(body.substring(1)).getString("sid");
    send("40");
    poll();
  }

  private void poll() {
    clients
        .request("EIO=4&transport=polling&sid=" + sid, null)
        .onSuccess(
            payload -> {
              for (String packet : payload.split(String.valueOf(SEPARATOR))) {
                if (packet.startsWith("b")) {
                  onAttachment();
                } else {
                  onEngine(packet);
                }
              }
              // like the reference client, no new poll once the upgrade has begun (the server
              // answers
              // a poll of an upgraded session with 400)
              if (!probing && !done.future().isComplete()) {
                poll();
              }
            })
        .onFailure(
            err -> {
              if (!probing) {
                fail(err);
              }
            });
  }

  private void onWebSocket(WebSocket socket) {
    ws = socket;
    socket.textMessageHandler(this::onEngine);
    socket.binaryMessageHandler(b -> onAttachment());
    socket.exceptionHandler(this::fail);
    socket.closeHandler(v -> finish());
    if (polling) {
      socket.writeTextMessage("2probe");
    }
  }

  private void onEngine(String packet) {
    if (packet.isEmpty()) {
      return;
    }
    switch (packet.charAt(0)) {
      case '0' -> send("40");
      case '2' -> send("3");
      case '3' -> {
        // 3probe: the WebSocket works; finish the upgrade, then go on over it
        ws.writeTextMessage("5");
        upgraded = true;
        emitBroadcastAndBinary();
      }
      case '4' -> onSocketPacket(packet.substring(1));
      default -> {
        // close (1) and noop (6) need nothing
      }
    }
  }

  private void onSocketPacket(String packet) {
    if (packet.startsWith("0")) {
      send("421[\"" + WarmupServer.JOIN + "\",\"" + room + "\",{\"n\":1,\"s\":\"warm\"}]");
      send("42[\"" + WarmupServer.TYPED + "\",{\"name\":\"a\",\"count\":1}]");
    } else if (packet.startsWith("31[")) {
      if (polling) {
        // a binary event over polling: attachments travel base64-encoded
        send("451-2[\"" + WarmupServer.BINARY + "\",{\"_placeholder\":true,\"num\":0}]");
        send("bAQID");
      } else {
        emitBroadcastAndBinary();
      }
    } else if (packet.startsWith("3")) {
      echoAcks++;
      maybeEnd();
    } else if (packet.startsWith("61-2[")) {
      awaitingAttachment = 2;
    } else if (packet.startsWith("61-3[")) {
      awaitingAttachment = 3;
    } else if (packet.startsWith("2[\"" + WarmupServer.BROADCAST + "\"")) {
      gotBroadcast = true;
      maybeEnd();
    } else if (packet.startsWith("51-")) {
      // the server's acknowledgement request with a binary argument: 51-<id>["q",1,{..}]
      int dash = packet.indexOf('-');
      String id = packet.substring(dash + 1, packet.indexOf('['));
      send("43" + id + "[1]");
    }
  }

  private void onAttachment() {
    if (awaitingAttachment == 2) {
      awaitingAttachment = 0;
      probing = true;
      clients
          .webSocket("EIO=4&transport=websocket&sid=" + sid)
          .onSuccess(this::onWebSocket)
          .onFailure(this::fail);
    } else if (awaitingAttachment == 3) {
      awaitingAttachment = 0;
      gotBinaryAck = true;
      maybeEnd();
    }
    // else the attachment of the server's acknowledgement request
  }

  private void emitBroadcastAndBinary() {
    for (int i = 0; i < BROADCASTS; i++) {
      send("42[\"" + WarmupServer.BROADCAST + "\",\"" + room + "\"," + PAYLOAD + "]");
    }
    for (int i = 0; i < BURST; i++) {
      send(
          "42"
              + (10 + i)
              + "[\""
              + WarmupServer.ECHO
              + "\","
              + i
              + ",{\"k\":\"v\",\"a\":[1,2.5,true,null]}]");
    }
    ws.writeTextMessage("451-3[\"" + WarmupServer.BINARY + "\",{\"_placeholder\":true,\"num\":0}]");
    ws.writeBinaryMessage(ATTACHMENT);
  }

  private void maybeEnd() {
    if (!gotBroadcast || !gotBinaryAck || echoAcks < BURST || ended) {
      return;
    }
    ended = true;
    switch (ending) {
      case 0 -> {
        send("41");
        ws.close();
      }
      case 1 -> ws.close();
      default -> send("42[\"" + WarmupServer.BYE + "\"]");
    }
  }

  private void send(String packet) {
    if (ws != null && (!polling || upgraded)) {
      ws.writeTextMessage(packet);
      return;
    }
    outbox.add(packet);
    flush();
  }

  private void flush() {
    if (posting || outbox.isEmpty()) {
      return;
    }
    posting = true;
    String body = String.join(String.valueOf(SEPARATOR), outbox);
    outbox.clear();
    clients
        .request("EIO=4&transport=polling&sid=" + sid, body)
        .onComplete(
            ar -> {
              posting = false;
              if (ar.failed()) {
                fail(ar.cause());
              } else {
                flush();
              }
            });
  }
}

package dev.vertio.it.endurance;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * One connect/disconnect cycle of a hand-driven Socket.IO client, written on Vert.x clients so that
 * thousands of cycles take seconds: Engine.IO handshake (WebSocket, polling, or polling then
 * upgrade), namespace connect, {@code join} with an acknowledgement, the server's {@code ask}
 * (answered or left pending), an {@code ack} round trip, a {@code broadcast} to the room until its
 * own copy comes back, then a disconnect: a namespace disconnect before the transport goes, or the
 * transport alone (the server then stores the session for recovery).
 *
 * <p>Everything runs on one context; the cycle ends when the client has closed its transport.
 */
final class SoakPeer {
  /** How the cycle reaches the server. */
  enum Mode {
    WEBSOCKET,
    POLLING,
    UPGRADE
  }

  private static final String PATH = "/socket.io/";
  private static final char SEPARATOR = '\u001e';

  private final HttpClient http;
  private final WebSocketClient wsClient;
  private final int port;
  private final Mode mode;
  private final String tag;
  private final boolean answerAsk;
  private final boolean namespaceDisconnect;
  private final Promise<Void> done = Promise.promise();
  private Context context;
  private WebSocket ws;
  private String sid;
  private boolean posting;
  private final StringBuilder outgoing = new StringBuilder();
  private boolean polling;
  private boolean onWebSocket;
  private boolean closing;

  private SoakPeer(
      HttpClient http,
      WebSocketClient wsClient,
      int port,
      Mode mode,
      String tag,
      boolean answerAsk,
      boolean namespaceDisconnect) {
    this.http = http;
    this.wsClient = wsClient;
    this.port = port;
    this.mode = mode;
    this.tag = tag;
    this.answerAsk = answerAsk;
    this.namespaceDisconnect = namespaceDisconnect;
  }

  /**
   * Runs one cycle on the caller's context.
   *
   * @return completes once the client closed its transport; fails on anything unexpected
   */
  static Future<Void> cycle(
      HttpClient http,
      WebSocketClient wsClient,
      int port,
      Mode mode,
      String tag,
      boolean answerAsk,
      boolean namespaceDisconnect) {
    SoakPeer peer = new SoakPeer(http, wsClient, port, mode, tag, answerAsk, namespaceDisconnect);
    peer.context = io.vertx.core.Vertx.currentContext();
    if (mode == Mode.WEBSOCKET) {
      peer.onWebSocket = true;
      peer.openWebSocket(PATH + "?EIO=4&transport=websocket").onFailure(peer::fail);
    } else {
      peer.request(HttpMethod.GET, PATH + "?EIO=4&transport=polling", null)
          .onSuccess(
              body -> {
                int at = body.indexOf("\"sid\":\"");
                if (!body.startsWith("0") || at < 0) {
                  peer.fail(new IllegalStateException("bad handshake: " + body));
                  return;
                }
                peer.sid = body.substring(at + 7, body.indexOf('"', at + 7));
                peer.polling = true;
                peer.post("40");
                peer.poll();
              })
          .onFailure(peer::fail);
    }
    return peer.done.future();
  }

  private Future<WebSocket> openWebSocket(String uri) {
    return wsClient
        .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri))
        .onSuccess(
            socket -> {
              ws = socket;
              socket.textMessageHandler(this::onEngineText);
              socket.closeHandler(
                  v -> {
                    if (closing) {
                      done.tryComplete();
                    } else {
                      fail(new IllegalStateException(tag + ": closed by the server"));
                    }
                  });
              socket.exceptionHandler(this::fail);
            });
  }

  private Future<String> request(HttpMethod method, String uri, String body) {
    RequestOptions options =
        new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri);
    return http.request(options)
        .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body)))
        .compose(
            resp ->
                resp.body()
                    .compose(
                        b ->
                            resp.statusCode() == 200
                                ? Future.succeededFuture(b.toString())
                                : Future.failedFuture(
                                    tag + ": HTTP " + resp.statusCode() + " " + b)));
  }

  private String pollingUri() {
    return PATH + "?EIO=4&transport=polling&sid=" + sid;
  }

  private void poll() {
    if (!polling || closing) {
      return;
    }
    request(HttpMethod.GET, pollingUri(), null)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                if (!closing) {
                  fail(ar.cause());
                }
                return;
              }
              String payload = ar.result();
              int start = 0;
              for (int i = 0; i <= payload.length(); i++) {
                if (i == payload.length() || payload.charAt(i) == SEPARATOR) {
                  if (i > start) {
                    onEngineText(payload.substring(start, i));
                  }
                  start = i + 1;
                }
              }
              poll();
            });
  }

  /** Sends one Engine.IO packet over the current transport. */
  private void send(String enginePacket) {
    if (onWebSocket) {
      ws.writeTextMessage(enginePacket);
    } else {
      post(enginePacket);
    }
  }

  private void post(String enginePacket) {
    if (outgoing.length() > 0) {
      outgoing.append(SEPARATOR);
    }
    outgoing.append(enginePacket);
    flushPosts();
  }

  private void flushPosts() {
    if (posting || outgoing.length() == 0) {
      return;
    }
    posting = true;
    String body = outgoing.toString();
    outgoing.setLength(0);
    boolean last = body.endsWith(SEPARATOR + "1") || body.equals("1");
    request(HttpMethod.POST, pollingUri(), body)
        .onComplete(
            ar -> {
              posting = false;
              if (ar.failed()) {
                fail(ar.cause());
              } else if (last) {
                done.tryComplete();
              } else {
                flushPosts();
              }
            });
  }

  private void onEngineText(String text) {
    if (text.isEmpty() || done.future().isComplete()) {
      return;
    }
    switch (text.charAt(0)) {
      case '0' -> send("40");
      case '2' -> send("3");
      case '4' -> onSocketPacket(text.substring(1));
      case '1' -> fail(new IllegalStateException(tag + ": closed by the server"));
      default -> {
        // noop (6), and the probe answer handled by the upgrade
      }
    }
  }

  private void onSocketPacket(String packet) {
    if (packet.startsWith("0{")) {
      send("421[\"join\"]");
    } else if (packet.startsWith("31[")) {
      if (mode == Mode.UPGRADE) {
        upgrade();
      } else {
        send("422[\"ack\",\"" + tag + "\"]");
      }
    } else if (packet.startsWith("32[")) {
      if (!packet.contains(tag)) {
        fail(new IllegalStateException(tag + ": wrong ack " + packet));
        return;
      }
      send("42[\"broadcast\",\"" + tag + "\"]");
    } else if (packet.startsWith("2[\"bcast\",\"" + tag + "\"")) {
      disconnect();
    } else if (packet.startsWith("2") && packet.contains("[\"ask\"")) {
      if (answerAsk) {
        send("43" + packet.substring(1, packet.indexOf('[')) + "[\"yes\"]");
      }
    }
  }

  /** Probe, then upgrade packet, as the official clients do (the pending poll ends with a noop). */
  private void upgrade() {
    polling = false;
    openWebSocket(PATH + "?EIO=4&transport=websocket&sid=" + sid)
        .onSuccess(
            socket -> {
              ws = socket;
              socket.textMessageHandler(
                  text -> {
                    if (text.equals("3probe")) {
                      socket.textMessageHandler(this::onEngineText);
                      onWebSocket = true;
                      socket.writeTextMessage("5");
                      send("422[\"ack\",\"" + tag + "\"]");
                    } else {
                      fail(
                          new IllegalStateException(
                              tag + ": unexpected during the upgrade: " + text));
                    }
                  });
              socket.writeTextMessage("2probe");
            })
        .onFailure(this::fail);
  }

  private void disconnect() {
    closing = true;
    if (onWebSocket) {
      if (namespaceDisconnect) {
        ws.writeTextMessage("41");
      }
      ws.close();
    } else {
      post(namespaceDisconnect ? "41" : "6");
      post("1");
    }
  }

  private void fail(Throwable t) {
    if (done.tryFail(t)) {
      closing = true;
      if (ws != null) {
        ws.close();
      }
    }
  }
}

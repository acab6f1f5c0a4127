package dev.vertio.bench.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated client on the HTTP long-polling transport: one GET always pending, POSTs one at a
 * time (several queued packets joined with the Engine.IO record separator), as the official clients
 * do. It can also upgrade to WebSocket the way they do (probe, then upgrade packet).
 */
public final class PollingSession implements BenchSession {
  private static final char SEPARATOR = '\u001e';

  private final HttpClient http;
  private final int port;
  private final GeneratorCounters counters;
  private final PacketListener listener;
  private final Promise<PollingSession> connected = Promise.promise();
  private final List<String> outgoing = new ArrayList<>(2);
  private Context context;
  private String sid;
  private String uri;
  private boolean posting;
  private boolean closed;
  private boolean upgraded;
  private WebSocket webSocket;

  private PollingSession(
      HttpClient http, int port, GeneratorCounters counters, PacketListener listener) {
    this.http = http;
    this.port = port;
    this.counters = counters;
    this.listener = listener;
  }

  /** Runs on the session's context: handshake, namespace connect, then the polling loop. */
  static Future<PollingSession> start(
      HttpClient http, int port, String path, GeneratorCounters counters, PacketListener listener) {
    PollingSession s = new PollingSession(http, port, counters, listener);
    s.context = Vertx.currentContext();
    return s.request(HttpMethod.GET, path + "?EIO=4&transport=polling", null)
        .compose(
            body -> {
              int at = body.indexOf("\"sid\":\"");
              if (!body.startsWith("0") || at < 0) {
                return Future.failedFuture("bad handshake: " + body);
              }
              s.sid = body.substring(at + 7, body.indexOf('"', at + 7));
              s.uri = path + "?EIO=4&transport=polling&sid=" + s.sid;
              s.sendRaw("40");
              s.poll();
              return s.connected.future();
            });
  }

  private Future<String> request(HttpMethod method, String requestUri, String body) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI(requestUri);
    Future<io.vertx.core.http.HttpClientRequest> request;
    try {
      request = http.request(options);
    } catch (IllegalStateException closedGenerator) {
      return Future.failedFuture(closedGenerator);
    }
    return request.compose(
        req ->
            (body == null ? req.send() : req.send(Buffer.buffer(body)))
                .compose(
                    resp ->
                        resp.body()
                            .compose(
                                b ->
                                    resp.statusCode() == 200
                                        ? Future.succeededFuture(b.toString())
                                        : Future.failedFuture(
                                            "HTTP " + resp.statusCode() + ": " + b))));
  }

  private void poll() {
    if (closed || upgraded) {
      return;
    }
    request(HttpMethod.GET, uri, null)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                if (!upgraded) {
                  // A poll sent before the 3probe came back and answered 400 once the server
                  // took the upgrade packet is no failure: the session goes on over WebSocket.
                  fail(ar.cause());
                }
                return;
              }
              String payload = ar.result();
              int start = 0;
              for (int i = 0; i <= payload.length(); i++) {
                if (i == payload.length() || payload.charAt(i) == SEPARATOR) {
                  if (i > start) {
                    onPacket(payload.substring(start, i));
                  }
                  start = i + 1;
                }
              }
              poll();
            });
  }

  private void onPacket(String packet) {
    switch (packet.charAt(0)) {
      case '2' -> {
        if (counters.answerPings) {
          counters.pings.increment();
          sendRaw("3");
        }
      }
      case '4' -> {
        if (packet.startsWith("40")) {
          connected.tryComplete(this);
        } else if (packet.startsWith("44")) {
          connected.tryFail("connect_error " + packet.substring(2));
        } else {
          listener.onPacket(this, packet.substring(1));
        }
      }
      case '1' -> closed = true;
      default -> {
        // noop (6)
      }
    }
  }

  private void fail(Throwable err) {
    if (!closed) {
      closed = true;
      counters.failures.increment();
      connected.tryFail(err);
    }
  }

  private void sendRaw(String packet) {
    outgoing.add(packet);
    flush();
  }

  private void flush() {
    if (posting || outgoing.isEmpty() || closed) {
      return;
    }
    posting = true;
    String body =
        outgoing.size() == 1 ? outgoing.get(0) : String.join(String.valueOf(SEPARATOR), outgoing);
    outgoing.clear();
    request(HttpMethod.POST, uri, body)
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

  /** Upgrades to WebSocket: {@code 2probe}, {@code 3probe}, then {@code 5}. */
  Future<Void> upgrade(WebSocketClient client, int port, String path) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v ->
            connect(client, port, path)
                .onFailure(done::tryFail)
                .onSuccess(
                    ws -> {
                      webSocket = ws;
                      ws.closeHandler(x -> done.tryFail("closed during the upgrade"));
                      ws.textMessageHandler(
                          text -> {
                            if (text.equals("3probe")) {
                              upgraded = true;
                              ws.writeTextMessage("5");
                              done.tryComplete();
                            } else if (text.equals("2")) {
                              if (counters.answerPings) {
                                counters.pings.increment();
                                ws.writeTextMessage("3");
                              }
                            } else if (text.startsWith("4")) {
                              listener.onPacket(this, text.substring(1));
                            }
                          });
                      ws.writeTextMessage("2probe");
                    }));
    return done.future();
  }

  private Future<WebSocket> connect(WebSocketClient client, int port, String path) {
    try {
      return client.connect(
          new WebSocketConnectOptions()
              .setHost("127.0.0.1")
              .setPort(port)
              .setURI(path + "?EIO=4&transport=websocket&sid=" + sid));
    } catch (IllegalStateException closedGenerator) {
      return Future.failedFuture(closedGenerator);
    }
  }

  @Override
  public void send(String packet) {
    if (upgraded) {
      webSocket.writeTextMessage("4" + packet);
    } else {
      sendRaw("4" + packet);
    }
  }

  @Override
  public Context context() {
    return context;
  }

  @Override
  public void close() {
    context.runOnContext(
        v -> {
          if (webSocket != null) {
            webSocket.close();
          } else if (!closed) {
            outgoing.clear();
            outgoing.add("1");
            posting = false;
            flush();
          }
          closed = true;
        });
  }
}

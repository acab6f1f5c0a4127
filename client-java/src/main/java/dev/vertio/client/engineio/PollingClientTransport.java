package dev.vertio.client.engineio;

import dev.vertio.engineio.EngineProtocol;
import dev.vertio.engineio.parser.EngineCodec;
import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.engineio.parser.EngineParseException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of HTTP long-polling: one GET in flight to receive, at most one POST in flight to
 * send (packets queued meanwhile go in the next POST's payload).
 */
final class PollingClientTransport implements ClientTransport {
  private final HttpClient http;
  private final EngineClientOptions options;
  private final Listener listener;
  private String sid;
  private boolean polling;
  private boolean posting;
  private boolean paused;
  private boolean closed;
  private Runnable onPaused;
  private List<EnginePacket> queue = new ArrayList<>();

  PollingClientTransport(HttpClient http, EngineClientOptions options, Listener listener) {
    this.http = http;
    this.options = options;
    this.listener = listener;
  }

  /** Starts the handshake: the first GET, whose answer carries the open packet. */
  void open() {
    poll();
  }

  /**
   * @param sid the session id, once the handshake is known
   */
  @Override
  public void sessionId(String sid) {
    this.sid = sid;
  }

  private Future<String> request(HttpMethod method, String body) {
    RequestOptions req =
        new RequestOptions()
            .setMethod(method)
            .setHost(options.host())
            .setPort(options.port())
            .setSsl(options.ssl())
            .setURI(options.uri(EngineProtocol.POLLING, sid));
    options.headers().forEach(e -> req.addHeader(e.getKey(), e.getValue()));
    if (body != null) {
      req.putHeader("Content-Type", "text/plain;charset=UTF-8");
    }
    return http.request(req)
        .compose(r -> body == null ? r.send() : r.send(Buffer.buffer(body)))
        .compose(
            resp ->
                resp.body()
                    .map(
                        b -> {
                          if (resp.statusCode() != 200) {
                            throw new IllegalStateException("HTTP " + resp.statusCode() + ": " + b);
                          }
                          return b.toString();
                        }));
  }

  /** Issues the next GET unless paused or closed. */
  void poll() {
    if (closed || paused || polling) {
      return;
    }
    polling = true;
    request(HttpMethod.GET, null)
        .onComplete(
            ar -> {
              polling = false;
              if (closed) {
                return;
              }
              if (ar.failed()) {
                fail(ClientCloseReason.TRANSPORT_ERROR);
                return;
              }
              List<EnginePacket> packets;
              try {
                packets = EngineCodec.decodePayload(ar.result());
              } catch (EngineParseException e) {
                fail(ClientCloseReason.PARSE_ERROR);
                return;
              }
              listener.onPackets(packets);
              if (paused) {
                checkPaused();
              } else {
                poll();
              }
            });
  }

  private void fail(ClientCloseReason reason) {
    if (!closed) {
      closed = true;
      listener.onClose(reason);
    }
  }

  @Override
  public String name() {
    return EngineProtocol.POLLING;
  }

  /** Packets are queued while a POST is in flight, so the transport always takes them. */
  @Override
  public boolean writable() {
    return !closed && sid != null;
  }

  @Override
  public void send(List<EnginePacket> packets) {
    queue.addAll(packets);
    flushPosts();
  }

  private void flushPosts() {
    if (closed || posting || queue.isEmpty() || sid == null) {
      return;
    }
    posting = true;
    String payload = EngineCodec.encodePayload(queue);
    queue = new ArrayList<>();
    request(HttpMethod.POST, payload)
        .onComplete(
            ar -> {
              posting = false;
              if (ar.failed()) {
                fail(ClientCloseReason.TRANSPORT_ERROR);
                return;
              }
              // Whatever was queued meanwhile goes next, also while pausing for an upgrade.
              flushPosts();
              checkPaused();
            });
  }

  @Override
  public void pause(Runnable whenPaused) {
    paused = true;
    onPaused = whenPaused;
    checkPaused();
  }

  private void checkPaused() {
    if (paused && !polling && !posting && queue.isEmpty() && onPaused != null) {
      Runnable r = onPaused;
      onPaused = null;
      r.run();
    }
  }

  /** Polls again after a {@link #pause} whose upgrade was given up. */
  @Override
  public void resume() {
    paused = false;
    onPaused = null;
    poll();
  }

  /** Drops the transport after an upgrade, without telling the server anything. */
  @Override
  public void discard() {
    closed = true;
  }

  @Override
  public boolean upgradable() {
    return true;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (sid != null) {
      // engine.io-client: a polling transport closes by sending a close packet.
      request(HttpMethod.POST, EngineCodec.encodePayload(List.of(EnginePacket.CLOSE)));
    }
    closed = true;
  }
}

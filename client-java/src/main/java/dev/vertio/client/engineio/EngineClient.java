package dev.vertio.client.engineio;

import dev.vertio.engineio.EngineProtocol;
import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.engineio.parser.EnginePacketType;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One Engine.IO client connection: handshake on the first transport, heartbeat (answer pings, give
 * up after {@code pingInterval + pingTimeout} without one), upgrade from polling to WebSocket with
 * the probe dance, and a write buffer so that nothing is sent out of order. All state lives on one
 * context; call it there.
 */
public final class EngineClient {
  private enum State {
    OPENING,
    OPEN,
    CLOSED
  }

  private final ContextInternal context;
  private final HttpClient http;
  private final WebSocketClient wsClient;
  private final EngineClientOptions options;
  private final Promise<Void> opened;
  private State state = State.OPENING;
  private ClientTransport transport;
  private String sid;
  private long pingInterval;
  private long pingTimeout;
  private long pingTimer = -1;
  private boolean upgrading;
  private List<EnginePacket> buffer = new ArrayList<>();
  private Handler<String> textHandler = t -> {};
  private Handler<Buffer> binaryHandler = b -> {};
  private Handler<String> closeHandler = r -> {};
  private Handler<String> upgradeHandler = t -> {};

  /**
   * @param context the client's context
   * @param http the HTTP client for polling
   * @param wsClient the WebSocket client
   * @param options where and how to connect
   */
  public EngineClient(
      ContextInternal context,
      HttpClient http,
      WebSocketClient wsClient,
      EngineClientOptions options) {
    this.context = context;
    this.http = http;
    this.wsClient = wsClient;
    this.options = options;
    this.opened = context.promise();
  }

  /**
   * @param h called with each text message
   */
  public void textHandler(Handler<String> h) {
    this.textHandler = h;
  }

  /**
   * @param h called with each binary message
   */
  public void binaryHandler(Handler<Buffer> h) {
    this.binaryHandler = h;
  }

  /**
   * @param h called once with the close reason, as engine.io-client words it
   */
  public void closeHandler(Handler<String> h) {
    this.closeHandler = h;
  }

  /**
   * @param h called with the new transport name after an upgrade
   */
  public void upgradeHandler(Handler<String> h) {
    this.upgradeHandler = h;
  }

  /**
   * @return the session id once open
   */
  public String id() {
    return sid;
  }

  /**
   * @return the current transport name
   */
  public String transportName() {
    return transport == null ? null : transport.name();
  }

  /**
   * @return true when a message sent now goes out without waiting
   */
  public boolean writable() {
    return state == State.OPEN && !upgrading && transport.writable() && buffer.isEmpty();
  }

  /**
   * Connects with the first transport of the options.
   *
   * @return completes once the handshake is done
   */
  public Future<Void> open() {
    String first = options.transports().get(0);
    if (EngineProtocol.WEBSOCKET.equals(first)) {
      WebSocketClientTransport.connect(wsClient, options, null, listenerFor(null))
          .onSuccess(t -> transport = t)
          .onFailure(err -> fail(ClientCloseReason.TRANSPORT_ERROR, err));
    } else {
      PollingClientTransport polling = new PollingClientTransport(http, options, listenerFor(null));
      transport = polling;
      polling.open();
    }
    return opened.future();
  }

  private ClientTransport.Listener listenerFor(ClientTransport owner) {
    return new ClientTransport.Listener() {
      @Override
      public void onPackets(List<EnginePacket> packets) {
        for (EnginePacket p : packets) {
          onPacket(p);
        }
      }

      @Override
      public void onClose(ClientCloseReason reason) {
        fail(reason, null);
      }
    };
  }

  private void onPacket(EnginePacket p) {
    if (state == State.CLOSED) {
      return;
    }
    switch (p.type()) {
      case OPEN:
        onHandshake(new JsonObject(p.text()));
        break;
      case PING:
        resetPingTimer();
        write(List.of(EnginePacket.PONG));
        break;
      case MESSAGE:
        if (p.isBinary()) {
          binaryHandler.handle(Buffer.buffer(p.binary()));
        } else {
          textHandler.handle(p.text());
        }
        break;
      case CLOSE:
        fail(ClientCloseReason.TRANSPORT_CLOSE, null);
        break;
      default:
        break;
    }
  }

  private void onHandshake(JsonObject open) {
    sid = open.getString("sid");
    pingInterval = open.getLong("pingInterval", 25_000L);
    pingTimeout = open.getLong("pingTimeout", 20_000L);
    transport.sessionId(sid);
    state = State.OPEN;
    resetPingTimer();
    opened.tryComplete();
    flush();
    boolean canUpgrade =
        options.upgrade()
            && transport.upgradable()
            && open.getJsonArray("upgrades", new io.vertx.core.json.JsonArray())
                .contains(EngineProtocol.WEBSOCKET)
            && options.transports().contains(EngineProtocol.WEBSOCKET);
    if (canUpgrade) {
      probe();
    }
  }

  /** The probe dance, client side: 2probe, 3probe, pause polling, 5, switch. */
  private void probe() {
    ClientTransport.Listener probeListener =
        new ClientTransport.Listener() {
          @Override
          public void onPackets(List<EnginePacket> packets) {}

          @Override
          public void onClose(ClientCloseReason reason) {}
        };
    WebSocketClientTransport.connect(wsClient, options, sid, probeListener)
        .onSuccess(
            ws -> {
              if (state != State.OPEN) {
                ws.close();
                return;
              }
              ws.listener(
                  new ClientTransport.Listener() {
                    @Override
                    public void onPackets(List<EnginePacket> packets) {
                      for (EnginePacket p : packets) {
                        if (p.type() == EnginePacketType.PONG
                            && "probe".equals(p.text())
                            && !upgrading) {
                          upgrading = true;
                          transport.pause(() -> finishUpgrade(ws));
                        }
                      }
                    }

                    @Override
                    public void onClose(ClientCloseReason reason) {
                      // The probe failed: stay on polling, which may be paused for the upgrade
                      // already.
                      abandonUpgrade();
                    }
                  });
              ws.send(List.of(EnginePacket.PING_PROBE));
            });
  }

  private void finishUpgrade(WebSocketClientTransport ws) {
    if (state != State.OPEN) {
      ws.close();
      return;
    }
    if (ws.isClosed()) {
      abandonUpgrade();
      return;
    }
    transport.discard();
    ws.listener(listenerFor(ws));
    ws.send(List.of(EnginePacket.UPGRADE));
    transport = ws;
    upgrading = false;
    flush();
    upgradeHandler.handle(ws.name());
  }

  /** The probe WebSocket closed: polling goes on, and what waited for the upgrade is sent. */
  private void abandonUpgrade() {
    if (!upgrading || !transport.upgradable()) {
      return;
    }
    upgrading = false;
    transport.resume();
    flush();
  }

  private void resetPingTimer() {
    if (pingTimer >= 0) {
      context.owner().cancelTimer(pingTimer);
    }
    pingTimer =
        context.setTimer(
            pingInterval + pingTimeout,
            t -> {
              pingTimer = -1;
              fail(ClientCloseReason.PING_TIMEOUT, null);
            });
  }

  /**
   * @param text a text message to send
   */
  public void send(String text) {
    write(List.of(EnginePacket.message(text)));
  }

  /**
   * @param bytes a binary message to send
   */
  public void send(byte[] bytes) {
    write(List.of(EnginePacket.binary(bytes)));
  }

  /**
   * @param packets message packets to send, in order
   */
  public void write(List<EnginePacket> packets) {
    if (state == State.CLOSED) {
      return;
    }
    buffer.addAll(packets);
    flush();
  }

  private void flush() {
    if (state != State.OPEN || upgrading || buffer.isEmpty() || !transport.writable()) {
      return;
    }
    List<EnginePacket> out = buffer;
    buffer = new ArrayList<>();
    transport.send(out);
  }

  /** Closes the connection as the application asked: reason {@code forced close}. */
  public void close() {
    fail(ClientCloseReason.FORCED_CLOSE, null);
  }

  private void fail(ClientCloseReason reason, Throwable cause) {
    if (state == State.CLOSED) {
      return;
    }
    boolean wasOpen = state == State.OPEN;
    state = State.CLOSED;
    if (pingTimer >= 0) {
      context.owner().cancelTimer(pingTimer);
      pingTimer = -1;
    }
    if (transport != null) {
      transport.close();
    }
    if (!wasOpen) {
      opened.tryFail(cause != null ? cause : new IllegalStateException(reason.text()));
      return;
    }
    closeHandler.handle(reason.text());
  }
}

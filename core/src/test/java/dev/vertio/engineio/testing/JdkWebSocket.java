package dev.vertio.engineio.testing;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A plain WebSocket client on Java's own {@code java.net.http.WebSocket}, recording what it
 * receives: {@code text:...} (a whole text message), {@code binary:<hex>}, and {@code
 * close:<code>:<reason>}. Text messages that are JSON are easiest taken with {@link #nextJson()}.
 */
public final class JdkWebSocket implements WebSocket.Listener {
  private final Recorder<String> events = new Recorder<>();
  private final StringBuilder text = new StringBuilder();
  private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
  private WebSocket ws;

  private JdkWebSocket() {}

  /**
   * @param uri such as {@code ws://127.0.0.1:1234/ws}
   * @param subprotocols offered subprotocols
   * @return a connected client
   */
  public static JdkWebSocket connect(String uri, String... subprotocols) {
    JdkWebSocket c = new JdkWebSocket();
    WebSocket.Builder b =
        HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    if (subprotocols.length > 0) {
      b.subprotocols(
          subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
    }
    try {
      c.ws = b.buildAsync(URI.create(uri), c).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("cannot connect to " + uri + ": " + e, e);
    }
    return c;
  }

  /**
   * @return the Java WebSocket
   */
  public WebSocket ws() {
    return ws;
  }

  /**
   * @param message a whole text message to send
   */
  public JdkWebSocket send(String message) {
    ws.sendText(message, true).join();
    return this;
  }

  /**
   * @param json a JSON message to send
   */
  public JdkWebSocket send(JsonObject json) {
    return send(json.encode());
  }

  /**
   * @param bytes a binary message to send
   */
  public JdkWebSocket sendBinary(byte[] bytes) {
    ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
    return this;
  }

  /**
   * @return the next event
   */
  public String next() {
    return events.next();
  }

  /**
   * @return the next event, which must be a JSON text message
   */
  public JsonObject nextJson() {
    String e = events.next();
    if (!e.startsWith("text:")) {
      throw new AssertionError("expected a text message, got " + e);
    }
    return new JsonObject(e.substring(5));
  }

  /**
   * @return the recorder
   */
  public Recorder<String> events() {
    return events;
  }

  /** Closes normally. */
  public void close() {
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(t -> null);
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(Long.MAX_VALUE);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    text.append(data);
    if (last) {
      events.record("text:" + text);
      text.setLength(0);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    byte[] b = new byte[data.remaining()];
    data.get(b);
    binary.write(b, 0, b.length);
    if (last) {
      events.record("binary:" + java.util.HexFormat.of().formatHex(binary.toByteArray()));
      binary.reset();
    }
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    events.record("close:" + statusCode + ":" + reason);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    events.record("error:" + error);
  }
}

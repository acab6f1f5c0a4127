package dev.vertio.client.engineio;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;

/**
 * What an Engine.IO client connection needs: where, how, and with which transports.
 *
 * @param host the server host
 * @param port the server port
 * @param ssl whether to use TLS ({@code https}/{@code wss}), verifying the server by default
 * @param path the endpoint path, e.g. {@code /socket.io/}
 * @param query extra query parameters
 * @param headers extra request headers
 * @param transports transports to use, in order: the first is used to connect
 * @param upgrade whether to upgrade from polling to WebSocket when the server offers it
 * @param trustAll accept any server certificate (tests only)
 */
public record EngineClientOptions(
    String host,
    int port,
    boolean ssl,
    String path,
    MultiMap query,
    MultiMap headers,
    List<String> transports,
    boolean upgrade,
    boolean trustAll) {
  /** Copies the collections. */
  public EngineClientOptions {
    transports = List.copyOf(new ArrayList<>(transports));
    query = MultiMap.caseInsensitiveMultiMap().addAll(query);
    headers = MultiMap.caseInsensitiveMultiMap().addAll(headers);
  }

  /**
   * @param transport the transport name
   * @param sid the session id, or null for a handshake
   * @return the request URI: path and query
   */
  public String uri(String transport, String sid) {
    StringBuilder sb = new StringBuilder(path).append("?EIO=4&transport=").append(transport);
    if (sid != null) {
      sb.append("&sid=").append(sid);
    }
    query.forEach(
        e -> sb.append('&').append(encode(e.getKey())).append('=').append(encode(e.getValue())));
    return sb.toString();
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}

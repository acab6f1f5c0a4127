package dev.vertio.client;

import dev.vertio.client.impl.SocketIoClientImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Creates client sockets. One connection (Manager) is shared per host and path, so several
 * namespaces of one server travel over one Engine.IO session; {@code forceNew} opts out.
 *
 * <pre>{@code
 * SocketIoClient client = SocketIoClient.create(vertx);
 * ClientSocket socket = client.socket("http://localhost:3000/chat",
 *     new ClientOptions().setAuth(Map.of("token", "abc")));
 * socket.on("message", (args, ack) -> System.out.println(args));
 * socket.connect().onSuccess(v -> socket.emit("chat", "hi"));
 * }</pre>
 */
public interface SocketIoClient {

  /**
   * @param vertx the Vert.x instance to run on
   * @return a client
   */
  static SocketIoClient create(Vertx vertx) {
    return new SocketIoClientImpl(vertx, false);
  }

  /**
   * @return a client with a Vert.x instance of its own, closed by {@link #close()}
   */
  static SocketIoClient create() {
    return new SocketIoClientImpl(Vertx.vertx(), true);
  }

  /**
   * @param url {@code http(s)://host[:port][/namespace]} (or {@code ws(s)://})
   * @param options the options
   * @return a socket, not yet connected
   */
  ClientSocket socket(String url, ClientOptions options);

  /**
   * @param url {@code http(s)://host[:port][/namespace]}
   * @return a socket with default options, not yet connected
   */
  default ClientSocket socket(String url) {
    return socket(url, new ClientOptions());
  }

  /**
   * Closes every connection and, for a client made with {@link #create()}, its Vert.x instance, so
   * that the JVM can exit.
   *
   * @return completes when everything is closed
   */
  Future<Void> close();
}

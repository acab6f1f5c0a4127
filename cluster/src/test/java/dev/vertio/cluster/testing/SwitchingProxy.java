package dev.vertio.cluster.testing;

import static dev.vertio.engineio.testing.Await.await;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

/**
 * A TCP proxy on a free port that sends each new connection to the current target port, or refuses
 * it while there is none: a client that reconnects through it lands on whatever node the test
 * chose, like behind a load balancer.
 */
public final class SwitchingProxy implements AutoCloseable {
  private final NetServer server;
  private final NetClient client;
  private volatile int target;

  /**
   * @param vertx a Vert.x instance of the test
   */
  public SwitchingProxy(Vertx vertx) {
    this.client = vertx.createNetClient();
    this.server = vertx.createNetServer().connectHandler(this::onConnect);
    await(server.listen(0, "127.0.0.1"));
  }

  private void onConnect(NetSocket in) {
    int port = target;
    if (port == 0) {
      in.close();
      return;
    }
    in.pause();
    client
        .connect(port, "127.0.0.1")
        .onComplete(
            ar -> {
              if (ar.failed()) {
                in.close();
                return;
              }
              NetSocket out = ar.result();
              in.pipeTo(out);
              out.pipeTo(in);
              in.resume();
            });
  }

  /**
   * @param port where new connections go, 0 to refuse them
   */
  public void target(int port) {
    this.target = port;
  }

  /**
   * @return the proxy's port
   */
  public int port() {
    return server.actualPort();
  }

  @Override
  public void close() {
    await(server.close());
    await(client.close());
  }
}

package dev.vertio.it.socketio;

import static dev.vertio.engineio.testing.Await.await;

import dev.vertio.it.OfficialJavaClients;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Vertx;

/** A Socket.IO server on loopback and official Java clients of it; closes everything. */
final class ServerFixture implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final SocketIoServer io;
  final int port;
  final OfficialJavaClients clients;

  ServerFixture(SocketIoOptions options) {
    io = SocketIoServer.create(vertx, options);
    port = await(io.listen(0, "127.0.0.1")).actualPort();
    clients = new OfficialJavaClients(port);
  }

  ServerFixture() {
    this(new SocketIoOptions());
  }

  @Override
  public void close() {
    clients.close();
    await(vertx.close());
  }
}

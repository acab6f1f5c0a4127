package dev.vertio.socketio;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.socketio.adapter.Adapter;
import dev.vertio.socketio.adapter.AdapterHost;
import dev.vertio.socketio.adapter.InMemoryAdapter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** serverSideEmit on one node, and the adapter factory hook. */
class ServerSideEmitTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  @Test
  void onOneNodeServerSideEmitReachesNoOne() {
    SocketIoServer io = SocketIoServer.create(vertx, new SocketIoOptions());
    List<JsonArray> heard = new ArrayList<>();
    io.onServerSideEmit("hello", (args, ack) -> heard.add(args));
    await(io.serverSideEmit("hello", "world"));
    assertEquals(List.of(), await(io.serverSideEmitWithAck(Duration.ofSeconds(1), "hello")));
    assertEquals(List.of(), heard, "socket.io's serverSideEmit does not reach its own node");
    Throwable reserved = io.serverSideEmit("connect").cause();
    assertInstanceOf(IllegalArgumentException.class, reserved);
  }

  @Test
  void anAdapterFactoryServesEveryNamespace() {
    List<AdapterHost> hosts = new ArrayList<>();
    SocketIoServer io =
        SocketIoServer.create(
            vertx,
            new SocketIoOptions()
                .setAdapterFactory(
                    h -> {
                      hosts.add(h);
                      return new InMemoryAdapter(h);
                    }));
    Adapter admin = io.of("/admin").adapter();
    assertTrue(admin instanceof InMemoryAdapter);
    assertEquals(List.of("/", "/admin"), hosts.stream().map(AdapterHost::name).toList());
    assertSame(io.of("/admin"), hosts.get(1).namespace());
  }
}

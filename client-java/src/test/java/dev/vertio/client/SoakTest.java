package dev.vertio.client;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 1,000 clients connect, exchange events and close; afterwards the client side's threads are gone
 * and the heap is back near its baseline.
 */
class SoakTest {
  private static final int CLIENTS = 1000;

  private static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      Runtime rt = Runtime.getRuntime();
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }

  @Test
  void thousandClientsComeAndGoWithoutLeaks() throws Exception {
    Vertx serverVertx = Vertx.vertx();
    SocketIoServer io = SocketIoServer.create(serverVertx);
    io.onConnection(s -> s.on("hi", (args, ack) -> ack.send("hello " + args.getInteger(0))));
    int port = await(io.listen(0, "127.0.0.1")).actualPort();

    // Warm up once so that class loading is not counted as a leak.
    SocketIoClient warm = SocketIoClient.create();
    ClientSocket w =
        warm.socket(
            "http://127.0.0.1:" + port + "/",
            new ClientOptions().setTransports(List.of("websocket")));
    await(w.connect());
    await(w.emitWithAck("hi", 0));
    await(warm.close());

    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    long heapBefore = usedHeapAfterGc();

    SocketIoClient client = SocketIoClient.create();
    List<Future<JsonArray>> answers = new ArrayList<>();
    List<Future<Void>> connected = new ArrayList<>();
    List<ClientSocket> sockets = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      ClientSocket s =
          client.socket(
              "http://127.0.0.1:" + port + "/",
              new ClientOptions().setTransports(List.of("websocket")).setForceNew(true));
      sockets.add(s);
      connected.add(s.connect());
    }
    await(Future.all(connected), 60);
    assertEquals(CLIENTS, io.engine().sessionCount());
    for (int i = 0; i < CLIENTS; i++) {
      answers.add(sockets.get(i).emitWithAck("hi", i));
    }
    await(Future.all(answers), 60);
    assertEquals("hello 999", answers.get(CLIENTS - 1).result().getString(0));
    await(client.close(), 60);
    sockets.clear();
    answers.clear();
    connected.clear();

    long deadline = System.currentTimeMillis() + 10_000;
    while (ManagementFactory.getThreadMXBean().getThreadCount() > threadsBefore + 2
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
    assertTrue(
        threadsAfter <= threadsBefore + 2,
        "threads before " + threadsBefore + ", after " + threadsAfter);
    long heapAfter = usedHeapAfterGc();
    assertTrue(
        heapAfter - heapBefore < 16L * 1024 * 1024,
        "heap grew by " + (heapAfter - heapBefore) / 1024 + " KiB");
    await(serverVertx.close());
  }
}

import dev.vertio.socketio.RemoteSocket;
import dev.vertio.socketio.adapter.*;
import io.vertx.core.*;
import io.vertx.core.json.JsonArray;
import java.util.*;

public class AdapterHeap {
  record S(String id, Context context) implements LocalSocket {
    public void deliver(BroadcastPacket p, BroadcastOptions o, Handler<JsonArray> a) {}
    public RemoteSocket snapshot() { return null; }
    public Future<Void> disconnect(boolean c) { return null; }
  }
  static long used() throws Exception {
    for (int i = 0; i < 5; i++) { System.gc(); Thread.sleep(100); }
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }
  public static void main(String[] a) throws Exception {
    int n = 100_000;
    Vertx vertx = Vertx.vertx();
    Context[] ctx = {vertx.getOrCreateContext(), vertx.getOrCreateContext()};
    Map<String, LocalSocket> sockets = new HashMap<>();
    for (int i = 0; i < n; i++) { String id = "socket-" + i; sockets.put(id, new S(id, ctx[i % 2])); }
    InMemoryAdapter adapter = new InMemoryAdapter(new AdapterHost() {
      public String name() { return "/"; }
      public Vertx vertx() { return vertx; }
      public LocalSocket localSocket(String id) { return sockets.get(id); }
    });
    long before = used();
    for (String id : sockets.keySet()) adapter.addAll(id, Set.of(id));
    long own = used();
    int k = 0;
    for (String id : sockets.keySet()) adapter.addAll(id, Set.of("room" + (k++ % 10)));
    long rooms = used();
    System.out.printf("own room only: %.1f B/socket; + one of 10 shared rooms: %.1f B/socket more%n",
        (own - before) / (double) n, (rooms - own) / (double) n);
    System.out.println(adapter.roomCount() + " rooms");
    vertx.close();
  }
}

package dev.vertio.cluster.routing;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.TestHttp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two clustered nodes, plain HTTP: a polling session opened on one node is served through the
 * other, and what cannot be routed gets a clear answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterRoutingTest {
  private final String cluster = "routing-" + UUID.randomUUID();
  private RoutedNode a;
  private RoutedNode b;
  private Vertx clientVertx;
  private TestHttp http;

  @BeforeAll
  void start() {
    a =
        new RoutedNode(
            cluster,
            io -> io.onConnection(socket -> socket.on("where", (args, ack) -> ack.send("a"))));
    b =
        new RoutedNode(
            cluster,
            io -> io.onConnection(socket -> socket.on("where", (args, ack) -> ack.send("b"))));
    clientVertx = Vertx.vertx();
    http = new TestHttp(clientVertx);
  }

  @AfterAll
  void stop() {
    await(clientVertx.close());
    b.close();
    a.close();
  }

  private String handshake(int port) {
    TestHttp.Response open = await(http.get(port, "/socket.io/?EIO=4&transport=polling"));
    assertEquals(200, open.status(), open.text());
    return new JsonObject(open.text().substring(1)).getString("sid");
  }

  private TestHttp.Response post(int port, String sid, String body, String... headers) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setPort(port)
            .setHost("127.0.0.1")
            .setURI("/socket.io/?EIO=4&transport=polling&sid=" + sid);
    for (int i = 0; i < headers.length; i += 2) {
      options.putHeader(headers[i], headers[i + 1]);
    }
    return await(http.request(options, body));
  }

  private static void assertUnknownSid(TestHttp.Response response) {
    assertEquals(400, response.status(), response.text());
    assertEquals(
        new JsonObject().put("code", 1).put("message", "Session ID unknown"),
        new JsonObject(response.text()));
  }

  @Test
  void sessionIdsNameTheirNode() {
    String sid = handshake(a.port);
    assertTrue(sid.startsWith(a.routing.nodeTag() + "."), sid);
    assertEquals(29, sid.length());
    assertNull(await(a.routing.ownerAddress(sid)), "local");
    assertEquals("127.0.0.1:" + a.port, await(b.routing.ownerAddress(sid)));
  }

  @Test
  void pollingRequestsOnAnotherNodeReachTheOwner() {
    String sid = handshake(a.port);
    TestHttp.Response connect = post(b.port, sid, "40");
    assertEquals(200, connect.status(), connect.text());
    assertEquals("ok", connect.text());
    TestHttp.Response answer =
        await(http.get(b.port, "/socket.io/?EIO=4&transport=polling&sid=" + sid));
    assertEquals(200, answer.status());
    assertTrue(answer.text().startsWith("40{\"sid\":"), answer.text());
    assertEquals("ok", post(b.port, sid, "421[\"where\"]").text());
    TestHttp.Response ack =
        await(http.get(a.port, "/socket.io/?EIO=4&transport=polling&sid=" + sid));
    assertEquals("431[\"a\"]", ack.text());
  }

  @Test
  void theOwnerSeesTheHostAndOriginTheClientSent() {
    // A page of the load balancer's address: same origin as long as the Host is kept.
    String sid = handshake(a.port);
    TestHttp.Response connect =
        post(b.port, sid, "40", "Host", "chat.example:8080", "Origin", "http://chat.example:8080");
    assertEquals(200, connect.status(), connect.text());
    assertEquals("http://chat.example:8080", connect.headers().get("Access-Control-Allow-Origin"));
  }

  @Test
  void aForgedNodeTagIsAnUnknownSession() {
    assertUnknownSid(post(b.port, "ZZZZZZZZ.abcdefghijklmnopqrst", "40"));
    assertUnknownSid(
        await(
            http.get(
                b.port, "/socket.io/?EIO=4&transport=polling&sid=ZZZZZZZZ.abcdefghijklmnopqrst")));
    assertUnknownSid(post(b.port, "no-node-tag", "40"));
    assertUnknownSid(post(b.port, "%2E%2E.abcdef", "40"));
  }

  @Test
  void aForwardedRequestIsNeverForwardedAgain() {
    String sid = handshake(a.port);
    assertUnknownSid(post(b.port, sid, "40", ClusterRouting.FORWARDED_HEADER, "someone"));
    // The session is untouched: its owner still serves it.
    assertEquals("ok", post(a.port, sid, "40").text());
  }

  @Test
  void aBodyAboveTheLimitIsRefusedBeforeForwarding() {
    String sid = handshake(a.port);
    String huge = "4" + "x".repeat(1_000_001);
    TestHttp.Response response = post(b.port, sid, huge);
    assertEquals(413, response.status());
    assertEquals(3, new JsonObject(response.text()).getInteger("code"));
    assertFalse(response.text().isEmpty());
  }

  @Test
  void aSessionWhoseNodeLeftTheClusterIsUnknown() {
    RoutedNode c = new RoutedNode(cluster, io -> {});
    String sid = handshake(c.port);
    assertEquals("ok", post(b.port, sid, "40").text());
    // Vert.x closed without withdrawing the address: the node's departure from the cluster is
    // what makes its entry void.
    await(c.vertx.close(), 30);
    assertUnknownSid(post(b.port, sid, "40"));
    // The cluster notices the departure within seconds; then the address is no longer offered.
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (await(b.routing.ownerAddress(sid)) != null) {
      assertTrue(System.nanoTime() < deadline, "the departed node is still offered");
      await(clientVertx.timer(100));
    }
  }
}

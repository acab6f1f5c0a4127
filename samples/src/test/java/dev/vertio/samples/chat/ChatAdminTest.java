package dev.vertio.samples.chat;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.admin.AdminAuth;
import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.ConnectErrorException;
import dev.vertio.client.SocketIoClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The chat sample's Admin UI flags: off by default, the page and the namespace when on. */
class ChatAdminTest {
  private final Vertx vertx = Vertx.vertx();
  private final SocketIoClient client = SocketIoClient.create(vertx);

  @AfterEach
  void stop() {
    await(client.close());
    await(vertx.close());
  }

  private int start(String... flags) {
    String[] args = new String[flags.length + 4];
    System.arraycopy(new String[] {"--port", "0", "--host", "127.0.0.1"}, 0, args, 0, 4);
    System.arraycopy(flags, 0, args, 4, flags.length);
    return await(ChatServer.start(vertx, ChatServer.commandLine(args))).actualPort();
  }

  private int status(int port, String path) {
    return await(new dev.vertio.engineio.testing.TestHttp(vertx).get(port, path)).status();
  }

  private Future<Void> admin(int port, Map<String, ?> auth) {
    ClientSocket s =
        client.socket(
            "http://127.0.0.1:" + port + "/admin",
            new ClientOptions()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(List.of("websocket"))
                .setAuth(auth));
    return s.connect();
  }

  @Test
  void offWithoutAFlag() {
    assertNull(ChatAdmin.auth(ChatServer.commandLine()));
    int port = start();
    assertEquals(404, status(port, "/admin/"));
    ConnectErrorException e =
        assertThrows(ConnectErrorException.class, () -> await(admin(port, Map.of())));
    assertEquals("Invalid namespace", e.getMessage());
  }

  @Test
  void aPasswordIsHashedAtStartupAndServesThePage() {
    int port = start("--admin-user", "ops", "--admin-password", "pw");
    assertEquals(302, status(port, "/admin"));
    assertEquals(200, status(port, "/admin/"));
    assertEquals(200, status(port, "/admin/mdi/css/materialdesignicons.min.css"));
    ConnectErrorException e =
        assertThrows(
            ConnectErrorException.class,
            () -> await(admin(port, Map.of("username", "admin", "password", "pw"))));
    assertEquals("invalid credentials", e.getMessage());
    await(admin(port, Map.of("username", "ops", "password", "pw")));
  }

  @Test
  void aHashIsTakenAsItIsAndABadOneStopsTheStart() {
    String hash = AdminAuth.hash("pw");
    AdminAuth auth =
        ChatAdmin.auth(ChatServer.commandLine(new String[] {"--admin-password-hash", hash}));
    assertEquals(AdminAuth.basic("admin", hash), auth);
    assertTrue(
        ChatAdmin.auth(ChatServer.commandLine(new String[] {"--admin-no-auth"})).username()
            == null);
    Throwable err =
        ChatServer.start(
                vertx,
                ChatServer.commandLine(
                    new String[] {"--port", "0", "--admin-password-hash", "not-a-hash"}))
            .cause();
    assertEquals("the `password` field must be a valid bcrypt hash", err.getMessage());
  }
}

package dev.vertio.admin.impl;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.vertio.admin.AdminAuth;
import dev.vertio.admin.AdminUiOptions;
import dev.vertio.socketio.ConnectionRefusedException;
import dev.vertio.socketio.Socket;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The admin namespace's middleware for basic authentication, as the reference's {@code
 * initAuthenticationMiddleware}: a known {@code auth.sessionId} is let in; otherwise {@code
 * auth.username} and {@code auth.password} are checked against the bcrypt hash (on a worker thread:
 * bcrypt takes tens of milliseconds), and a new session id is handed to the UI (the {@code session}
 * event) so that it can reconnect without the password. Anything else is refused with {@code
 * invalid credentials}. Sessions are bounded (count and age).
 */
final class Authenticator {
  /** The reference's error message, which the UI recognises. */
  static final String INVALID_CREDENTIALS = "invalid credentials";

  /** Password checks running at once; more attempts are refused rather than queued. */
  static final int MAX_CHECKS_IN_FLIGHT = 4;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final AdminAuth auth;
  private final Cache<String, Boolean> sessions;

  /** Session ids granted by the middleware, until the connection handler sends them. */
  private final Cache<String, String> granted =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).maximumSize(10_000).build();

  private final AtomicInteger inFlight = new AtomicInteger();

  Authenticator(Vertx vertx, AdminAuth auth, AdminUiOptions options) {
    this.vertx = vertx;
    this.auth = auth;
    this.sessions =
        Caffeine.newBuilder()
            .expireAfterWrite(options.getSessionDuration())
            .maximumSize(options.getMaxSessions())
            .build();
  }

  /**
   * @return the middleware's decision for a socket connecting to the admin namespace
   */
  Future<Void> apply(Socket socket) {
    JsonObject credentials = socket.handshake().auth();
    if (credentials == null) {
      credentials = new JsonObject();
    }
    if (credentials.getValue("sessionId") instanceof String sessionId
        && sessions.getIfPresent(sessionId) != null) {
      return Future.succeededFuture();
    }
    if (!auth.username().equals(credentials.getValue("username"))
        || !(credentials.getValue("password") instanceof String password)) {
      return refused();
    }
    if (inFlight.incrementAndGet() > MAX_CHECKS_IN_FLIGHT) {
      inFlight.decrementAndGet();
      return refused();
    }
    return vertx
        .executeBlocking(
            () -> BCrypt.verifyer().verify(password.toCharArray(), auth.passwordHash()).verified,
            false)
        .andThen(ar -> inFlight.decrementAndGet())
        .compose(
            ok -> {
              if (!ok) {
                return refused();
              }
              String sessionId = randomId();
              sessions.put(sessionId, Boolean.TRUE);
              granted.put(socket.id(), sessionId);
              return Future.succeededFuture();
            });
  }

  /**
   * @param socket a socket just connected to the admin namespace
   * @return the session id its login earned, once, or null
   */
  String takeGranted(Socket socket) {
    String id = granted.getIfPresent(socket.id());
    if (id != null) {
      granted.invalidate(socket.id());
    }
    return id;
  }

  private static <T> Future<T> refused() {
    return Future.failedFuture(new ConnectionRefusedException(INVALID_CREDENTIALS));
  }

  /** The reference's {@code randomBytes(8).toString("hex")}. */
  private static String randomId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}

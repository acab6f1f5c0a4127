package dev.vertio.samples.chat;

import dev.vertio.socketio.ConnectionRefusedException;
import dev.vertio.socketio.Middleware;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * Chat logins: {@code POST /api/login {"nickname": "..."}} issues a signed JWT (HS256, Vert.x
 * auth-jwt) and the {@code /chat} namespace middleware admits only sockets whose handshake {@code
 * auth.token} verifies, storing the nickname in {@code socket.data()}.
 */
public final class ChatAuth {
  /** Nicknames: letters, digits, space, {@code _ . -}; 1 to 20 characters. */
  public static final Pattern NICKNAME = Pattern.compile("^[\\p{L}\\p{N}_. -]{1,20}$");

  private static final String ISSUER = "vertio-chat";

  private final JWTAuth jwt;
  private final int tokenMinutes;

  /**
   * @param vertx the Vert.x instance
   * @param secret the HMAC secret signing the tokens
   * @param tokenMinutes how long a token is valid
   */
  public ChatAuth(Vertx vertx, String secret, int tokenMinutes) {
    this.jwt =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    this.tokenMinutes = tokenMinutes;
  }

  /**
   * @param nickname a valid nickname
   * @return a token for it
   */
  public String issue(String nickname) {
    return jwt.generateToken(
        new JsonObject().put("nick", nickname),
        new JWTOptions().setExpiresInMinutes(tokenMinutes).setIssuer(ISSUER).setSubject(nickname));
  }

  /**
   * @param token a token
   * @return the nickname it was issued to; fails when the token is invalid or expired
   */
  public Future<String> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token))
        .compose(
            user -> {
              JsonObject principal = user.principal();
              String nick = principal.getString("nick");
              if (!ISSUER.equals(principal.getString("iss")) || nick == null) {
                return Future.failedFuture("not a chat token");
              }
              return Future.succeededFuture(nick);
            });
  }

  /**
   * @return the namespace middleware: refuses with {@code "invalid token"}
   */
  public Middleware middleware() {
    return socket -> {
      JsonObject auth = socket.handshake().auth();
      Object token = auth == null ? null : auth.getValue("token");
      if (!(token instanceof String)) {
        return Future.failedFuture(new ConnectionRefusedException("missing token"));
      }
      return verify((String) token)
          .recover(err -> Future.failedFuture(new ConnectionRefusedException("invalid token")))
          .map(
              nick -> {
                socket.data().put("nickname", nick);
                return null;
              });
    };
  }

  /**
   * Handles {@code POST /api/login}: 200 {@code {"token","nickname"}}, or 400 with {@code
   * {"error"}} for a missing or invalid nickname.
   *
   * @param ctx the routing context, its JSON body read
   */
  public void login(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    Object raw = body == null ? null : body.getValue("nickname");
    String nick = raw instanceof String ? ((String) raw).trim() : null;
    if (nick == null || !NICKNAME.matcher(nick).matches()) {
      ctx.response()
          .setStatusCode(400)
          .putHeader("Content-Type", "application/json")
          .end(
              new JsonObject()
                  .put("error", "nickname must be 1 to 20 letters, digits, spaces, '_', '.' or '-'")
                  .encode());
      return;
    }
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(new JsonObject().put("token", issue(nick)).put("nickname", nick).encode());
  }
}

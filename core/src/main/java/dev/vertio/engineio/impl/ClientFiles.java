package dev.vertio.engineio.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the JavaScript client's bundles when {@code vertio-client-js} is on the classpath, under
 * the endpoint path (like Socket.IO's {@code /socket.io/socket.io.js}), with an ETag so that
 * browsers revalidate cheaply. Files are read once, off the event loop, then kept in memory.
 */
final class ClientFiles {
  private static final String ROOT = "META-INF/vertio/client/";
  private static final Map<String, String> NAMES =
      Map.ofEntries(
          Map.entry("vertio.js", "vertio.js"),
          Map.entry("vertio.min.js", "vertio.min.js"),
          Map.entry("vertio.esm.min.js", "vertio.esm.min.js"),
          Map.entry("vertio.js.map", "vertio.js.map"),
          Map.entry("vertio.min.js.map", "vertio.min.js.map"),
          Map.entry("vertio.esm.min.js.map", "vertio.esm.min.js.map"),
          Map.entry("socket.io.js", "vertio.js"),
          Map.entry("socket.io.min.js", "vertio.min.js"),
          Map.entry("socket.io.esm.min.js", "vertio.esm.min.js"));

  /** A file in memory with its validator; {@code bytes} null when the file is absent. */
  private record File(Buffer bytes, String etag) {}

  private final Vertx vertx;
  private final Map<String, Future<File>> cache = new ConcurrentHashMap<>();

  ClientFiles(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * @return true when the request names a client file (whether or not it is present)
   */
  static boolean isClientFile(String fileName) {
    return NAMES.containsKey(fileName);
  }

  void serve(HttpServerRequest req, String fileName) {
    if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
      req.response().setStatusCode(405).putHeader("Allow", "GET, HEAD").end();
      return;
    }
    String resource = NAMES.get(fileName);
    cache
        .computeIfAbsent(resource, r -> vertx.executeBlocking(() -> load(r), false))
        .onComplete(
            ar -> {
              if (ar.failed() || ar.result().bytes() == null) {
                req.response()
                    .setStatusCode(404)
                    .putHeader("Content-Type", "application/json")
                    .end("{\"code\":3,\"message\":\"Client not available: add vertio-client-js\"}");
                return;
              }
              File file = ar.result();
              var response =
                  req.response()
                      .putHeader("ETag", file.etag())
                      .putHeader("Cache-Control", "public, max-age=0");
              if (file.etag().equals(req.getHeader("If-None-Match"))) {
                response.setStatusCode(304).end();
                return;
              }
              response.putHeader(
                  "Content-Type",
                  resource.endsWith(".map")
                      ? "application/json; charset=utf-8"
                      : "application/javascript; charset=utf-8");
              if (req.method() == HttpMethod.HEAD) {
                response.putHeader("Content-Length", Integer.toString(file.bytes().length())).end();
              } else {
                response.end(file.bytes());
              }
            });
  }

  private static File load(String resource) throws IOException, NoSuchAlgorithmException {
    try (InputStream in = ClientFiles.class.getClassLoader().getResourceAsStream(ROOT + resource)) {
      if (in == null) {
        return new File(null, null);
      }
      byte[] bytes = in.readAllBytes();
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      String etag = "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
      return new File(Buffer.buffer(bytes), etag);
    }
  }
}

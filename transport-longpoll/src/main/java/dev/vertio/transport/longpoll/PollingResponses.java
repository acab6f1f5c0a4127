package dev.vertio.transport.longpoll;

import dev.vertio.engineio.parser.EngineWireFormat;
import dev.vertio.engineio.spi.TransportHost;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the answer to a poll: {@code text/plain; charset=UTF-8} (or {@code
 * application/octet-stream} for a revision 3 binary payload), compressed with gzip or deflate when
 * {@code httpCompression} is on, the body is over the threshold and the client accepts it
 * (reference {@code polling.ts} {@code compress()}).
 */
final class PollingResponses {
  private PollingResponses() {}

  static void write(
      TransportHost host,
      HttpServerRequest request,
      EngineWireFormat.Payload payload,
      boolean handshake) {
    HttpServerResponse response = request.response();
    if (response.ended() || response.closed()) {
      return;
    }
    byte[] bytes =
        payload.isBinary() ? payload.bytes() : payload.text().getBytes(StandardCharsets.UTF_8);
    MultiMap headers = response.headers();
    headers.set(
        "Content-Type",
        payload.isBinary() ? "application/octet-stream" : "text/plain; charset=UTF-8");
    host.decorate(request, headers, handshake);
    String encoding =
        host.options().isHttpCompression()
                && bytes.length >= host.options().getHttpCompressionThreshold()
            ? chooseEncoding(request.getHeader("Accept-Encoding"))
            : null;
    if (encoding != null) {
      bytes = compress(bytes, encoding);
      headers.set("Content-Encoding", encoding);
      headers.add("Vary", "Accept-Encoding");
    }
    headers.set("Content-Length", Integer.toString(bytes.length));
    response.end(Buffer.buffer(bytes));
  }

  static String chooseEncoding(String acceptEncoding) {
    if (acceptEncoding == null) {
      return null;
    }
    String a = acceptEncoding.toLowerCase(Locale.ROOT);
    if (accepts(a, "gzip")) {
      return "gzip";
    }
    if (accepts(a, "deflate")) {
      return "deflate";
    }
    return null;
  }

  private static boolean accepts(String acceptEncoding, String coding) {
    for (String part : acceptEncoding.split(",")) {
      String[] kv = part.trim().split(";");
      if (kv[0].trim().equals(coding)) {
        for (int i = 1; i < kv.length; i++) {
          String p = kv[i].trim();
          if (p.startsWith("q=") && p.substring(2).trim().matches("0(\\.0*)?")) {
            return false;
          }
        }
        return true;
      }
    }
    return false;
  }

  static byte[] compress(byte[] input, String encoding) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, input.length / 4));
    try {
      if ("gzip".equals(encoding)) {
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
          gz.write(input);
        }
      } else {
        Deflater deflater = new Deflater();
        try (DeflaterOutputStream df = new DeflaterOutputStream(out, deflater)) {
          df.write(input);
        } finally {
          deflater.end();
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}

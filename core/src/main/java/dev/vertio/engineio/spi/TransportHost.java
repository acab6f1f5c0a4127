package dev.vertio.engineio.spi;

import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.parser.EngineWireFormat;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;

/** What the engine offers the transports: its options and the shape of its HTTP answers. */
public interface TransportHost {

  /**
   * @return the Vert.x instance
   */
  Vertx vertx();

  /**
   * @return the engine's options
   */
  EngineOptions options();

  /**
   * Adds the CORS headers and the application's header hooks to a response about to be written.
   *
   * @param request the request being answered
   * @param headers the response headers
   * @param handshake true for the response that opens a session
   */
  void decorate(HttpServerRequest request, MultiMap headers, boolean handshake);

  /**
   * Refuses a request like the reference server: status 400 (403 for code 4) with {@code
   * {"code":N,"message":"..."}}, and a {@code connection_error} event.
   *
   * @param request the request
   * @param code the Engine.IO error code
   * @param context details for the event, may be empty
   */
  void refuse(HttpServerRequest request, int code, Map<String, Object> context);

  /**
   * The framing a transport opened for this request must speak: the protocol revision of the
   * handshake (or of the session, for an upgrade) and, in revision 3, binary or base64.
   *
   * @param request a verified handshake or upgrade request
   * @return its wire format; revision 4 unless the engine accepted an older client
   */
  default EngineWireFormat wireFormat(HttpServerRequest request) {
    return EngineWireFormat.V4;
  }

  /**
   * Answers a body over the limit with 413 and closes the connection once the body has arrived (see
   * {@link PayloadTooLarge}).
   *
   * @param request the request whose body is too large
   */
  default void payloadTooLarge(HttpServerRequest request) {
    PayloadTooLarge.answer(vertx(), request, headers -> decorate(request, headers, false));
  }
}

package dev.vertio.engineio;

import io.vertx.core.http.HttpServerRequest;
import java.util.Map;

/**
 * A request the server refused, reported to {@link EngineServer#connectionErrorHandler} so
 * operators can log it (the reference server's {@code connection_error} event).
 *
 * @param code the Engine.IO error code, see {@link EngineProtocol}
 * @param message the message sent to the client
 * @param request the refused request (do not write to its response)
 * @param context details: the offending transport, sid, method, origin...
 */
public record EngineConnectionError(
    int code, String message, HttpServerRequest request, Map<String, Object> context) {}

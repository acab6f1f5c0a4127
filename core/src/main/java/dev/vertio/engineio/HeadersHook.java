package dev.vertio.engineio;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/** Lets the application add or change the headers of a response before it is written. */
@FunctionalInterface
public interface HeadersHook {
  /**
   * @param headers the response headers, mutable
   * @param request the request being answered
   */
  void apply(MultiMap headers, HttpServerRequest request);
}

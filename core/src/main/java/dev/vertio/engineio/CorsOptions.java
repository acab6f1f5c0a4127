package dev.vertio.engineio;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The allowed-origins policy and the CORS headers of the server's HTTP responses.
 *
 * <p>The policy is checked on every handshake, polling and WebSocket alike: a request whose {@code
 * Origin} header is present and not allowed is refused with 403 (code 4, "Forbidden"). Requests
 * without an {@code Origin} (non-browser clients) are always let through. With no allowed origin
 * configured (the default), only same-origin browser requests pass: the origin's host and port must
 * be the request's {@code Host}.
 *
 * <p>{@code "*"} allows every origin and answers {@code Access-Control-Allow-Origin: *}; it can not
 * be combined with credentials, so an arbitrary origin is never reflected with credentials.
 */
public final class CorsOptions {
  /** Wildcard entry of {@link #setAllowedOrigins(List)}: any origin. */
  public static final String ANY_ORIGIN = "*";

  /** Default {@code allowCredentials}: false. */
  public static final boolean DEFAULT_ALLOW_CREDENTIALS = false;

  /** Default preflight cache duration in seconds, -1 to send no {@code Access-Control-Max-Age}. */
  public static final int DEFAULT_MAX_AGE_SECONDS = -1;

  private List<String> allowedOrigins = new ArrayList<>();
  private boolean allowCredentials = DEFAULT_ALLOW_CREDENTIALS;
  private List<String> allowedHeaders = new ArrayList<>();
  private int maxAgeSeconds = DEFAULT_MAX_AGE_SECONDS;

  /** Same-origin only, no credentials. */
  public CorsOptions() {}

  /**
   * @param other options to copy
   */
  public CorsOptions(CorsOptions other) {
    this.allowedOrigins = new ArrayList<>(other.allowedOrigins);
    this.allowCredentials = other.allowCredentials;
    this.allowedHeaders = new ArrayList<>(other.allowedHeaders);
    this.maxAgeSeconds = other.maxAgeSeconds;
  }

  /**
   * @return allowed origins, exact strings such as {@code https://example.com}, or {@code *}
   */
  public List<String> getAllowedOrigins() {
    return allowedOrigins;
  }

  /**
   * @param allowedOrigins exact origins ({@code scheme://host[:port]}) or {@code "*"}
   * @return this
   */
  public CorsOptions setAllowedOrigins(List<String> allowedOrigins) {
    this.allowedOrigins = new ArrayList<>(Objects.requireNonNull(allowedOrigins));
    return this;
  }

  /**
   * @param origin one more allowed origin, or {@code "*"}
   * @return this
   */
  public CorsOptions addAllowedOrigin(String origin) {
    allowedOrigins.add(Objects.requireNonNull(origin));
    return this;
  }

  /**
   * @return whether cookies and credentials are allowed on cross-origin requests
   */
  public boolean isAllowCredentials() {
    return allowCredentials;
  }

  /**
   * @param allowCredentials send {@code Access-Control-Allow-Credentials: true} to allowed origins
   * @return this
   */
  public CorsOptions setAllowCredentials(boolean allowCredentials) {
    this.allowCredentials = allowCredentials;
    return this;
  }

  /**
   * @return request headers allowed by preflight; empty means those the browser asks for
   */
  public List<String> getAllowedHeaders() {
    return allowedHeaders;
  }

  /**
   * @param allowedHeaders request headers allowed on cross-origin requests
   * @return this
   */
  public CorsOptions setAllowedHeaders(List<String> allowedHeaders) {
    this.allowedHeaders = new ArrayList<>(Objects.requireNonNull(allowedHeaders));
    return this;
  }

  /**
   * @return how long browsers may cache a preflight answer, in seconds; -1 for no header
   */
  public int getMaxAgeSeconds() {
    return maxAgeSeconds;
  }

  /**
   * @param maxAgeSeconds preflight cache duration, or -1
   * @return this
   */
  public CorsOptions setMaxAgeSeconds(int maxAgeSeconds) {
    this.maxAgeSeconds = maxAgeSeconds;
    return this;
  }

  /**
   * @throws IllegalArgumentException when {@code "*"} is combined with credentials
   */
  public void validate() {
    if (allowCredentials && allowedOrigins.contains(ANY_ORIGIN)) {
      throw new IllegalArgumentException(
          "CORS: allowCredentials cannot be combined with the allowed origin '*'; list the origins");
    }
  }
}

package dev.vertio.admin;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of {@link AdminUi#instrument}, named like the reference's ({@code namespaceName}, {@code
 * auth}, {@code readonly}, {@code serverId}, {@code mode}). Setters are fluent.
 */
public class AdminUiOptions {
  /** The reference's default namespace. */
  public static final String DEFAULT_NAMESPACE_NAME = "/admin";

  /** Sockets, rooms and every event are sent to the UI. */
  public static final String MODE_DEVELOPMENT = "development";

  /** Only the server stats (with aggregated counts) are sent: less traffic and memory. */
  public static final String MODE_PRODUCTION = "production";

  /** The reference emits {@code server_stats} every 2 seconds. */
  public static final Duration DEFAULT_STATS_INTERVAL = Duration.ofSeconds(2);

  /**
   * How long a session id given to a logged-in UI stays valid (the reference's Redis store: a day).
   */
  public static final Duration DEFAULT_SESSION_DURATION = Duration.ofDays(1);

  /** How many UI sessions are remembered at most; the oldest are forgotten first. */
  public static final int DEFAULT_MAX_SESSIONS = 1000;

  private String namespaceName = DEFAULT_NAMESPACE_NAME;
  private AdminAuth auth;
  private boolean readonly;
  private String serverId;
  private String mode = MODE_DEVELOPMENT;
  private Duration statsInterval = DEFAULT_STATS_INTERVAL;
  private Duration sessionDuration = DEFAULT_SESSION_DURATION;
  private int maxSessions = DEFAULT_MAX_SESSIONS;

  /**
   * @return the namespace the UI connects to ({@value #DEFAULT_NAMESPACE_NAME})
   */
  public String getNamespaceName() {
    return namespaceName;
  }

  /**
   * @param namespaceName the namespace the UI connects to, starting with {@code /}
   * @return this
   */
  public AdminUiOptions setNamespaceName(String namespaceName) {
    if (namespaceName == null || !namespaceName.startsWith("/")) {
      throw new IllegalArgumentException("namespaceName must start with /: " + namespaceName);
    }
    this.namespaceName = namespaceName;
    return this;
  }

  /**
   * @return the authentication; null until set (it must be set, as in the reference)
   */
  public AdminAuth getAuth() {
    return auth;
  }

  /**
   * @param auth {@link AdminAuth#none()} or {@link AdminAuth#basic(String, String)}
   * @return this
   */
  public AdminUiOptions setAuth(AdminAuth auth) {
    this.auth = Objects.requireNonNull(auth, "auth");
    return this;
  }

  /**
   * @return true when the UI may only watch: no join, leave, disconnect or emit commands
   */
  public boolean isReadonly() {
    return readonly;
  }

  /**
   * @param readonly true to refuse the UI's commands
   * @return this
   */
  public AdminUiOptions setReadonly(boolean readonly) {
    this.readonly = readonly;
    return this;
  }

  /**
   * @return the id shown for this server, or null for the host name
   */
  public String getServerId() {
    return serverId;
  }

  /**
   * @param serverId the id shown for this server (several servers behind one UI)
   * @return this
   */
  public AdminUiOptions setServerId(String serverId) {
    this.serverId = serverId;
    return this;
  }

  /**
   * @return {@value #MODE_DEVELOPMENT} or {@value #MODE_PRODUCTION}
   */
  public String getMode() {
    return mode;
  }

  /**
   * @param mode {@value #MODE_DEVELOPMENT} (sockets, rooms, events) or {@value #MODE_PRODUCTION}
   *     (server stats only)
   * @return this
   */
  public AdminUiOptions setMode(String mode) {
    if (!MODE_DEVELOPMENT.equals(mode) && !MODE_PRODUCTION.equals(mode)) {
      throw new IllegalArgumentException("mode must be development or production: " + mode);
    }
    this.mode = mode;
    return this;
  }

  /**
   * @return how often {@code server_stats} is sent
   */
  public Duration getStatsInterval() {
    return statsInterval;
  }

  /**
   * @param statsInterval how often {@code server_stats} is sent (at least 10 ms)
   * @return this
   */
  public AdminUiOptions setStatsInterval(Duration statsInterval) {
    if (statsInterval.toMillis() < 10) {
      throw new IllegalArgumentException("statsInterval must be at least 10 ms");
    }
    this.statsInterval = statsInterval;
    return this;
  }

  /**
   * @return how long a UI session id stays valid
   */
  public Duration getSessionDuration() {
    return sessionDuration;
  }

  /**
   * @param sessionDuration how long a UI session id (sent after a login) stays valid
   * @return this
   */
  public AdminUiOptions setSessionDuration(Duration sessionDuration) {
    this.sessionDuration = Objects.requireNonNull(sessionDuration);
    return this;
  }

  /**
   * @return how many UI sessions are remembered at most
   */
  public int getMaxSessions() {
    return maxSessions;
  }

  /**
   * @param maxSessions how many UI sessions are remembered at most
   * @return this
   */
  public AdminUiOptions setMaxSessions(int maxSessions) {
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be positive");
    }
    this.maxSessions = maxSessions;
    return this;
  }
}

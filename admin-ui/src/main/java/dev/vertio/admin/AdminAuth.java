package dev.vertio.admin;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the Admin UI's namespace authenticates: {@link #none()} (anyone who reaches the server may
 * administer it) or {@link #basic(String, String)} (a user name and a bcrypt hash of the password),
 * the reference's {@code auth: false} and {@code auth: {type: "basic", ...}}.
 *
 * @param username the user name, or null for no authentication
 * @param passwordHash the bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}), or null
 */
public record AdminAuth(String username, String passwordHash) {
  private static final Pattern BCRYPT =
      Pattern.compile("^\\$2[abxy]?\\$\\d{2}\\$[./A-Za-z0-9]{53}$");

  /** The cost {@link #hash(String)} uses, that of the reference's documentation examples. */
  public static final int DEFAULT_COST = 10;

  /**
   * @throws IllegalArgumentException when only one of the two is given, or the hash is not a bcrypt
   *     hash (the reference: "the `password` field must be a valid bcrypt hash")
   */
  public AdminAuth {
    if ((username == null) != (passwordHash == null)) {
      throw new IllegalArgumentException(
          "basic authentication needs a username and a password hash");
    }
    if (passwordHash != null && !BCRYPT.matcher(passwordHash).matches()) {
      throw new IllegalArgumentException("the `password` field must be a valid bcrypt hash");
    }
  }

  /**
   * @return no authentication (use with caution: the UI can disconnect every client)
   */
  public static AdminAuth none() {
    return new AdminAuth(null, null);
  }

  /**
   * @param username the user name the UI's form must send
   * @param bcryptHash the bcrypt hash of the password, e.g. from {@link #hash(String)} or {@code
   *     htpasswd -nbBC 10 "" secret}
   * @return basic authentication
   */
  public static AdminAuth basic(String username, String bcryptHash) {
    return new AdminAuth(
        Objects.requireNonNull(username, "username"),
        Objects.requireNonNull(bcryptHash, "bcryptHash"));
  }

  /**
   * Hashes a password with bcrypt (cost {@value #DEFAULT_COST}). CPU-heavy (tens of milliseconds):
   * call it at startup, not on an event loop.
   *
   * @param password the clear password
   * @return its bcrypt hash
   */
  public static String hash(String password) {
    return BCrypt.withDefaults().hashToString(DEFAULT_COST, password.toCharArray());
  }

  /**
   * @return true when a user name and password are required
   */
  public boolean enabled() {
    return username != null;
  }

  @Override
  public String toString() {
    return enabled() ? "basic(" + username + ")" : "none";
  }
}

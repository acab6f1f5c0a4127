package dev.vertio.engineio.impl;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unguessable ids for Engine.IO sessions and Socket.IO sockets: 120 random bits from {@link
 * SecureRandom}, base64url (20 characters).
 */
public final class SessionIds {
  private static final int BYTES = 15;
  private final SecureRandom random = new SecureRandom();
  private final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

  /**
   * @return a new id: 120 random bits, base64url, 20 characters
   */
  public String next() {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return encoder.encodeToString(bytes);
  }
}

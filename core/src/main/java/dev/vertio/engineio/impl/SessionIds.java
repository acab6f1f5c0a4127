package dev.vertio.engineio.impl;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable session ids: 120 random bits from {@link SecureRandom}, base64url (20 chars). */
final class SessionIds {
  private static final int BYTES = 15;
  private final SecureRandom random = new SecureRandom();
  private final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

  String next() {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return encoder.encodeToString(bytes);
  }
}

package dev.vertio.engineio.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for tests that must restart a server on the same port. */
public final class Ports {
  private Ports() {}

  /**
   * @return a loopback port nothing listens on now, found by the OS (outside Vert.x)
   */
  public static int free() {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}

package dev.vertio.bench.server;

/** The servers the bench compares. */
public enum ServerKind {
  /** Vertio, in its own JVM. */
  VERTIO("Vertio"),
  /**
   * Vertio with its JIT warm-up turned off ({@code -Dvertio.warmup=false}): what a fresh server
   * costs without it. Only the {@code coldstart} scenario runs it.
   */
  VERTIO_NO_WARMUP("Vertio, no warm-up"),
  /** The official Node.js socket.io 4.8 server. */
  NODE("Node socket.io");

  private final String label;

  ServerKind(String label) {
    this.label = label;
  }

  /**
   * @return the name shown in reports
   */
  public String label() {
    return label;
  }
}

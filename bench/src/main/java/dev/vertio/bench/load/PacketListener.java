package dev.vertio.bench.load;

/** Receives the Socket.IO packets (other than the namespace connect) a session gets. */
@FunctionalInterface
public interface PacketListener {
  /** Ignores every packet. */
  PacketListener IGNORE = (session, packet) -> {};

  /**
   * Called on the session's context.
   *
   * @param session the session
   * @param packet the Socket.IO packet, e.g. {@code 431[12]} or {@code 2["bcast",12,"..."]}
   */
  void onPacket(BenchSession session, String packet);
}

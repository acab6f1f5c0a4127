package dev.vertio.bench.load;

/**
 * The few Socket.IO packets the bench sends and reads, built and parsed by hand so that the
 * generator spends as little as possible per message. Time stamps are microseconds since the
 * generator started, a JSON number both servers carry exactly.
 */
public final class BenchPackets {
  /** Padding that makes a broadcast event about 100 bytes on the wire. */
  private static final String PAD = "x".repeat(64);

  private BenchPackets() {}

  /**
   * @param id the ack id
   * @param stampMicros the send time stamp
   * @return {@code 2<id>["ack",<stamp>]}
   */
  public static String ackRequest(long id, long stampMicros) {
    return "2" + id + "[\"ack\"," + stampMicros + "]";
  }

  /**
   * @return {@code 2["broadcast",<stamp>,"xxx..."]}, an event of about 100 bytes
   */
  public static String broadcast(long stampMicros) {
    return "2[\"broadcast\"," + stampMicros + ",\"" + PAD + "\"]";
  }

  /**
   * @param stampMicros the send time stamp
   * @param pad padding that sets the event's size
   * @return {@code 2["broadcast",<stamp>,"<pad>"]}
   */
  public static String broadcast(long stampMicros, String pad) {
    return "2[\"broadcast\"," + stampMicros + ",\"" + pad + "\"]";
  }

  /**
   * @param id the ack id
   * @return {@code 2<id>["join"]}
   */
  public static String join(long id) {
    return "2" + id + "[\"join\"]";
  }

  /**
   * Reads the first number after the first {@code [} or {@code ,} that follows {@code from}.
   *
   * @param packet a packet such as {@code 31[12]} or {@code 2["bcast",12,"xx"]}
   * @param from where to start looking
   * @return the number, or -1 when there is none
   */
  public static long firstNumber(String packet, int from) {
    int i = from;
    int n = packet.length();
    while (i < n && (packet.charAt(i) < '0' || packet.charAt(i) > '9')) {
      i++;
    }
    if (i == n) {
      return -1;
    }
    long v = 0;
    while (i < n) {
      char c = packet.charAt(i++);
      if (c < '0' || c > '9') {
        break;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /**
   * @return the time stamp of an ack {@code 3<id>[<stamp>]}, or -1
   */
  public static long ackStamp(String packet) {
    int bracket = packet.indexOf('[');
    return bracket < 0 ? -1 : firstNumber(packet, bracket);
  }

  /**
   * @return the time stamp of a {@code bcast} event, or -1 when the packet is not one
   */
  public static long bcastStamp(String packet) {
    if (!packet.startsWith("2[\"bcast\",")) {
      return -1;
    }
    return firstNumber(packet, 10);
  }

  /**
   * @return true for an ack packet ({@code 3...})
   */
  public static boolean isAck(String packet) {
    return !packet.isEmpty() && packet.charAt(0) == '3';
  }
}

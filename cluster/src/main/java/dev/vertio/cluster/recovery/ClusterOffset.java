package dev.vertio.cluster.recovery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A recovery offset valid on every node: the node that sent the event (the client's home), its
 * count of events of that node only (emits to one socket, local broadcasts), and for each node that
 * broadcast in the namespace the sequence number of its last broadcast the home had delivered:
 * {@code home.local~origin.seq~origin.seq...} (node ids are base64url).
 *
 * @param home the node the client was connected to
 * @param local the home's count of its own node-only events
 * @param seen each origin's last sequence number delivered by the home
 */
public record ClusterOffset(String home, long local, Map<String, Long> seen) {
  /** The longest offset accepted from a client. */
  public static final int MAX_LENGTH = 8_192;

  /** The most origins accepted in an offset. */
  public static final int MAX_ORIGINS = 256;

  /** Copies the map. */
  public ClusterOffset {
    seen = Collections.unmodifiableMap(new LinkedHashMap<>(seen));
  }

  /**
   * @return the string clients carry
   */
  public String format() {
    StringBuilder sb = new StringBuilder(home.length() + 8 + seen.size() * 16);
    sb.append(home).append('.').append(local);
    for (Map.Entry<String, Long> e : seen.entrySet()) {
      sb.append('~').append(e.getKey()).append('.').append(e.getValue());
    }
    return sb.toString();
  }

  /**
   * @param s an offset from a client
   * @return it parsed, or null when malformed
   */
  public static ClusterOffset parse(String s) {
    if (s == null || s.isEmpty() || s.length() > MAX_LENGTH) {
      return null;
    }
    String[] parts = s.split("~", -1);
    if (parts.length > MAX_ORIGINS + 1) {
      return null;
    }
    long[] local = new long[1];
    String home = pair(parts[0], local);
    if (home == null) {
      return null;
    }
    Map<String, Long> seen = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      long[] seq = new long[1];
      String origin = pair(parts[i], seq);
      if (origin == null || seen.put(origin, seq[0]) != null) {
        return null;
      }
    }
    return new ClusterOffset(home, local[0], seen);
  }

  /** Parses {@code id.number}: returns the id and puts the number in {@code out[0]}. */
  static String pair(String part, long[] out) {
    int dot = part.lastIndexOf('.');
    if (dot <= 0 || dot == part.length() - 1) {
      return null;
    }
    String id = part.substring(0, dot);
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_')) {
        return null;
      }
    }
    try {
      out[0] = Long.parseLong(part.substring(dot + 1));
    } catch (NumberFormatException e) {
      return null;
    }
    return out[0] < 0 ? null : id;
  }
}

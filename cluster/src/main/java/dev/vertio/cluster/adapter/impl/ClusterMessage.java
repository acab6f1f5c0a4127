package dev.vertio.cluster.adapter.impl;

import java.util.List;
import java.util.Set;

/**
 * One message between cluster nodes. Every type uses the same fields; those it does not need are
 * empty. See {@link ClusterCodec} for the binary layout.
 *
 * @param type what it is
 * @param origin the sending node's id
 * @param seq the origin's sequence number of a logged broadcast in its namespace, 0 for none
 * @param requestId the request it opens or answers, 0 for none
 * @param namespace the namespace, empty for node-level messages
 * @param flags {@link #VOLATILE}, {@link #COMPRESS}, {@link #CLOSE}
 * @param rooms target rooms (or, for a join/leave, the rooms joined/left second list)
 * @param except excluded rooms
 * @param extra more rooms (those joined or left by addSockets/delSockets), or the Vert.x cluster
 *     manager node id in a heartbeat
 * @param count a count (the recipients of an acknowledged broadcast on one node)
 * @param text text payload: an encoded Socket.IO packet, or JSON
 * @param attachments binary attachments of that packet
 */
public record ClusterMessage(
    Type type,
    String origin,
    long seq,
    long requestId,
    String namespace,
    int flags,
    Set<String> rooms,
    Set<String> except,
    Set<String> extra,
    long count,
    String text,
    List<byte[]> attachments) {

  /** Drop for busy connections. */
  public static final int VOLATILE = 1;

  /** Compression hint. */
  public static final int COMPRESS = 2;

  /** Close the connections too (disconnectSockets). */
  public static final int CLOSE = 4;

  /** The answer says the node has no listener (serverSideEmitWithAck). */
  public static final int NO_LISTENER = 8;

  /** Message types; the byte on the wire is {@link #code}. */
  public enum Type {
    /** A node is alive (published every heartbeat interval, or sent to a new node). */
    HEARTBEAT(1),
    /** A node leaves the cluster gracefully. */
    BYE(2),
    /** A broadcast to the sockets of other nodes. */
    BROADCAST(3),
    /** A broadcast whose recipients acknowledge (request). */
    BROADCAST_ACK(4),
    /** fetchSockets (request). */
    FETCH_SOCKETS(5),
    /** socketsJoin (request). */
    ADD_SOCKETS(6),
    /** socketsLeave (request). */
    DEL_SOCKETS(7),
    /** disconnectSockets (request). */
    DISCONNECT_SOCKETS(8),
    /** serverSideEmit, no acknowledgement. */
    SERVER_SIDE_EMIT(9),
    /** serverSideEmit waiting for acknowledgements (request). */
    SERVER_SIDE_EMIT_ACK(10),
    /** An answer to a request: its results, or (broadcast ack) the count of recipients. */
    RESPONSE(11),
    /** One acknowledgement of an acknowledged broadcast. */
    ACK(12),
    /**
     * The origin's last broadcast number in a namespace (every heartbeat interval, sent in order
     * with its broadcasts): nodes learn of every origin, and of lost broadcasts.
     */
    SEQ(13);

    /** The byte on the wire. */
    public final int code;

    Type(int code) {
      this.code = code;
    }

    static Type of(int code) {
      for (Type t : values()) {
        if (t.code == code) {
          return t;
        }
      }
      return null;
    }
  }

  /** Copies the collections. */
  public ClusterMessage {
    rooms = Set.copyOf(rooms);
    except = Set.copyOf(except);
    extra = Set.copyOf(extra);
    attachments = List.copyOf(attachments);
    text = text == null ? "" : text;
    namespace = namespace == null ? "" : namespace;
  }

  /**
   * @param type the type
   * @param origin the sending node
   * @return a message with every other field empty
   */
  public static ClusterMessage of(Type type, String origin) {
    return new ClusterMessage(
        type, origin, 0, 0, "", 0, Set.of(), Set.of(), Set.of(), 0, "", List.of());
  }

  /**
   * @return true when a flag is set
   */
  public boolean has(int flag) {
    return (flags & flag) != 0;
  }

  /**
   * @param id a request id
   * @param flags flags
   * @return this message answering that request
   */
  public ClusterMessage withRequest(long id, int flags) {
    return new ClusterMessage(
        type, origin, seq, id, namespace, flags, rooms, except, extra, count, text, attachments);
  }

  /**
   * @param n a count
   * @return this message with that count
   */
  public ClusterMessage withCount(long n) {
    return new ClusterMessage(
        type, origin, seq, requestId, namespace, flags, rooms, except, extra, n, text, attachments);
  }
}

package dev.vertio.cluster.adapter.impl;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The binary format of {@link ClusterMessage}s on the event bus, versioned by its first byte:
 *
 * <pre>
 * u8  version (1)          u8  type          str origin       i64 seq      i64 requestId
 * str namespace            u8  flags         set rooms        set except   set extra
 * i64 count                lstr text         u16 n, n x (u32 length, bytes) attachments
 * str  = u16 length + UTF-8 bytes;  lstr = u32 length + UTF-8 bytes;  set = u16 n + n x str
 * </pre>
 *
 * A message of another version, of an unknown type, truncated, with trailing bytes, or with a
 * length beyond the buffer or the limits is refused with a {@link MalformedMessageException}: it
 * never allocates more than the buffer holds.
 */
public final class ClusterCodec {
  /** The version this codec writes and reads. */
  public static final int VERSION = 1;

  /** The most entries of a set (rooms, except...). */
  public static final int MAX_SET = 65_535;

  /** The most attachments. */
  public static final int MAX_ATTACHMENTS = 1_000;

  /** A message this codec cannot read. */
  public static final class MalformedMessageException extends Exception {
    /**
     * @param message what is wrong
     */
    public MalformedMessageException(String message) {
      super(message, null, false, false);
    }
  }

  private ClusterCodec() {}

  /**
   * @param m a message
   * @return its bytes
   */
  public static Buffer encode(ClusterMessage m) {
    Buffer b = Buffer.buffer(64 + m.text().length());
    b.appendByte((byte) VERSION);
    b.appendByte((byte) m.type().code);
    str(b, m.origin());
    b.appendLong(m.seq());
    b.appendLong(m.requestId());
    str(b, m.namespace());
    b.appendByte((byte) m.flags());
    set(b, m.rooms());
    set(b, m.except());
    set(b, m.extra());
    b.appendLong(m.count());
    byte[] text = m.text().getBytes(StandardCharsets.UTF_8);
    b.appendInt(text.length);
    b.appendBytes(text);
    b.appendUnsignedShort(m.attachments().size());
    for (byte[] a : m.attachments()) {
      b.appendInt(a.length);
      b.appendBytes(a);
    }
    return b;
  }

  private static void str(Buffer b, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 65_535) {
      throw new IllegalArgumentException("string too long for the cluster codec");
    }
    b.appendUnsignedShort(bytes.length);
    b.appendBytes(bytes);
  }

  private static void set(Buffer b, Set<String> set) {
    if (set.size() > MAX_SET) {
      throw new IllegalArgumentException("too many rooms for the cluster codec");
    }
    b.appendUnsignedShort(set.size());
    for (String s : set) {
      str(b, s);
    }
  }

  /**
   * @param b bytes from the event bus
   * @return the message
   * @throws MalformedMessageException when the bytes are not a message of this version
   */
  public static ClusterMessage decode(Buffer b) throws MalformedMessageException {
    if (b == null || b.length() < 2) {
      throw new MalformedMessageException("too short");
    }
    Reader r = new Reader(b);
    int version = r.u8();
    if (version != VERSION) {
      throw new MalformedMessageException("unknown version " + version);
    }
    ClusterMessage.Type type = ClusterMessage.Type.of(r.u8());
    if (type == null) {
      throw new MalformedMessageException("unknown type");
    }
    String origin = r.str();
    long seq = r.i64();
    long requestId = r.i64();
    String namespace = r.str();
    int flags = r.u8();
    Set<String> rooms = r.set();
    Set<String> except = r.set();
    Set<String> extra = r.set();
    long count = r.i64();
    String text = r.lstr();
    int n = r.u16();
    if (n > MAX_ATTACHMENTS) {
      throw new MalformedMessageException("too many attachments");
    }
    List<byte[]> attachments = new ArrayList<>(Math.min(n, 16));
    for (int i = 0; i < n; i++) {
      attachments.add(r.bytes(r.u32()));
    }
    if (r.pos != b.length()) {
      throw new MalformedMessageException("trailing bytes");
    }
    if (origin.isEmpty()) {
      throw new MalformedMessageException("no origin");
    }
    return new ClusterMessage(
        type,
        origin,
        seq,
        requestId,
        namespace,
        flags,
        rooms,
        except,
        extra,
        count,
        text,
        attachments);
  }

  private static final class Reader {
    private final Buffer b;
    private int pos;

    Reader(Buffer b) {
      this.b = b;
    }

    private void need(long n) throws MalformedMessageException {
      if (n < 0 || pos + n > b.length()) {
        throw new MalformedMessageException("truncated");
      }
    }

    int u8() throws MalformedMessageException {
      need(1);
      return b.getUnsignedByte(pos++);
    }

    int u16() throws MalformedMessageException {
      need(2);
      int v = b.getUnsignedShort(pos);
      pos += 2;
      return v;
    }

    int u32() throws MalformedMessageException {
      need(4);
      int v = b.getInt(pos);
      pos += 4;
      if (v < 0) {
        throw new MalformedMessageException("negative length");
      }
      return v;
    }

    long i64() throws MalformedMessageException {
      need(8);
      long v = b.getLong(pos);
      pos += 8;
      return v;
    }

    byte[] bytes(int n) throws MalformedMessageException {
      need(n);
      byte[] out = b.getBytes(pos, pos + n);
      pos += n;
      return out;
    }

    String str() throws MalformedMessageException {
      return new String(bytes(u16()), StandardCharsets.UTF_8);
    }

    String lstr() throws MalformedMessageException {
      return new String(bytes(u32()), StandardCharsets.UTF_8);
    }

    Set<String> set() throws MalformedMessageException {
      int n = u16();
      // each entry takes at least 2 bytes: a count beyond the buffer is refused before allocating
      need(2L * n);
      Set<String> s = new LinkedHashSet<>();
      for (int i = 0; i < n; i++) {
        s.add(str());
      }
      return s;
    }
  }
}

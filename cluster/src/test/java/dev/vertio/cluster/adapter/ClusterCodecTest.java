package dev.vertio.cluster.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vertio.cluster.adapter.impl.ClusterCodec;
import dev.vertio.cluster.adapter.impl.ClusterMessage;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterCodecTest {

  private static ClusterMessage sample() {
    return new ClusterMessage(
        ClusterMessage.Type.BROADCAST,
        "nodeA",
        42,
        7,
        "/chat",
        ClusterMessage.VOLATILE | ClusterMessage.COMPRESS,
        Set.of("room-é", "r2"),
        Set.of("x"),
        Set.of(),
        3,
        "451-[\"e\",{\"_placeholder\":true,\"num\":0}]",
        List.of(new byte[] {1, 2, 3}));
  }

  @Test
  void messageRoundTrips() throws Exception {
    ClusterMessage m = sample();
    ClusterMessage back = ClusterCodec.decode(ClusterCodec.encode(m));
    assertEquals(m.type(), back.type());
    assertEquals("nodeA", back.origin());
    assertEquals(42, back.seq());
    assertEquals(7, back.requestId());
    assertEquals("/chat", back.namespace());
    assertEquals(m.flags(), back.flags());
    assertEquals(m.rooms(), back.rooms());
    assertEquals(m.except(), back.except());
    assertEquals(3, back.count());
    assertEquals(m.text(), back.text());
    assertArrayEquals(new byte[] {1, 2, 3}, back.attachments().get(0));
  }

  @Test
  void firstByteIsTheVersion() {
    assertEquals(ClusterCodec.VERSION, ClusterCodec.encode(sample()).getByte(0));
  }

  @Test
  void unknownVersionIsRefused() {
    Buffer b = ClusterCodec.encode(sample());
    b.setByte(0, (byte) 2);
    assertThrows(ClusterCodec.MalformedMessageException.class, () -> ClusterCodec.decode(b));
  }

  @Test
  void unknownTypeIsRefused() {
    Buffer b = ClusterCodec.encode(sample());
    b.setByte(1, (byte) 99);
    assertThrows(ClusterCodec.MalformedMessageException.class, () -> ClusterCodec.decode(b));
  }

  @Test
  void everyTruncationIsRefused() {
    Buffer b = ClusterCodec.encode(sample());
    for (int n = 0; n < b.length(); n++) {
      Buffer cut = b.getBuffer(0, n);
      assertThrows(ClusterCodec.MalformedMessageException.class, () -> ClusterCodec.decode(cut));
    }
  }

  @Test
  void trailingBytesAndHugeLengthsAreRefused() {
    Buffer b = ClusterCodec.encode(sample()).appendByte((byte) 0);
    assertThrows(ClusterCodec.MalformedMessageException.class, () -> ClusterCodec.decode(b));
    // a room count of 65535 in a short message: refused before allocating anything
    Buffer huge =
        Buffer.buffer()
            .appendByte((byte) 1)
            .appendByte((byte) 3)
            .appendUnsignedShort(1)
            .appendByte((byte) 'a')
            .appendLong(0)
            .appendLong(0)
            .appendUnsignedShort(0)
            .appendByte((byte) 0)
            .appendUnsignedShort(65_535);
    assertThrows(ClusterCodec.MalformedMessageException.class, () -> ClusterCodec.decode(huge));
    assertThrows(
        ClusterCodec.MalformedMessageException.class,
        () -> ClusterCodec.decode(Buffer.buffer("garbage that is no message")));
    assertThrows(ClusterCodec.MalformedMessageException.class, () -> ClusterCodec.decode(null));
  }
}

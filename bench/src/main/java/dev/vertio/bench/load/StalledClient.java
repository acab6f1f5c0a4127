package dev.vertio.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A slow consumer: a WebSocket client on a plain {@link Socket} that connects to {@code /}, joins
 * the room, and then never reads again (its TCP connection stays open, its receive window fills
 * up). Written by hand (RFC 6455) so that nothing reads on its behalf.
 */
public final class StalledClient implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  /**
   * Connects, upgrades, connects to {@code /} and joins the room, reading until the join is
   * acknowledged; then stops reading.
   *
   * @param port the server's port on 127.0.0.1
   * @throws IOException when the server refuses or closes
   */
  public StalledClient(int port) throws IOException {
    socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    socket.setSoTimeout(30_000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    out.write(
        ("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    skipHead();
    expect("0");
    send("40");
    expect("40");
    send("421[\"join\"]");
    expect("431");
  }

  private void skipHead() throws IOException {
    int matched = 0;
    StringBuilder head = new StringBuilder();
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("closed during the upgrade: " + head);
      }
      head.append((char) b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    if (!head.toString().startsWith("HTTP/1.1 101")) {
      throw new IOException("upgrade refused: " + head);
    }
  }

  /** Reads text frames until one starts with {@code prefix} (pings are answered meanwhile). */
  private void expect(String prefix) throws IOException {
    while (true) {
      int b0 = in.readUnsignedByte();
      int b1 = in.readUnsignedByte();
      long length = b1 & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      if ((b0 & 0x0f) == 8) {
        throw new EOFException("closed by the server");
      }
      String text = new String(payload, StandardCharsets.UTF_8);
      if (text.equals("2")) {
        send("3");
      } else if (text.startsWith(prefix)) {
        return;
      }
    }
  }

  private void send(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    frame.write(0x80 | payload.length); // short control and Socket.IO packets only
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already gone
    }
  }
}

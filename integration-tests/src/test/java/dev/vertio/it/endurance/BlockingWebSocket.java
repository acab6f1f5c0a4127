package dev.vertio.it.endurance;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain {@link Socket}, driven by hand from the test thread (RFC 6455): the
 * HTTP upgrade, then frames read and written one at a time. Between reads nothing is read at all,
 * so a test can make it stop reading (a slow consumer) or stop answering (a vanished peer) while
 * its TCP connection stays open.
 */
final class BlockingWebSocket implements AutoCloseable {
  /** A frame: its opcode (1 text, 8 close...) and payload. */
  record Frame(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  /**
   * Connects and upgrades.
   *
   * @param port the server's port on 127.0.0.1
   * @param uri the request URI, e.g. {@code /socket.io/?EIO=4&transport=websocket}
   * @param receiveBuffer the socket's receive buffer in bytes (small: the kernel then holds little
   *     of what the server sends once the test stops reading), 0 for the default
   */
  BlockingWebSocket(int port, String uri, int receiveBuffer) throws IOException {
    socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    socket.setSoTimeout(10_000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    out.write(
        ("GET "
                + uri
                + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce)
                + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String head = readHead();
    if (!head.startsWith("HTTP/1.1 101")) {
      throw new IOException("upgrade refused: " + head);
    }
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed during the upgrade: " + head);
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /**
   * @return the next frame (server frames are not masked)
   */
  Frame read() throws IOException {
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
    return new Frame(b0 & 0x0f, payload);
  }

  /**
   * @return the next text frame's text, skipping nothing: a frame of another kind fails
   */
  String readText() throws IOException {
    Frame f = read();
    if (f.opcode() != 1) {
      throw new IOException("expected a text frame, got opcode " + f.opcode());
    }
    return f.text();
  }

  /** Writes a masked text frame (client frames are masked, RFC 6455 section 5.3). */
  void sendText(String text) throws IOException {
    write(1, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a masked close frame with no status. */
  void sendClose() throws IOException {
    write(8, new byte[0]);
  }

  private void write(int opcode, byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x80 | opcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xff);
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  /**
   * Reads (and drops) frames until the server's close frame, answers it, then waits for the end of
   * the connection.
   *
   * @param timeoutMs how long the whole may take
   * @return the number of frames read before the close frame
   * @throws IOException when the connection does not end in time
   */
  long drainUntilClosed(int timeoutMs) throws IOException {
    socket.setSoTimeout(timeoutMs);
    long frames = 0;
    try {
      while (true) {
        Frame f = read();
        if (f.opcode() == 8) {
          sendClose();
          break;
        }
        frames++;
      }
      if (in.read() >= 0) {
        throw new IOException("data after the close frame");
      }
    } catch (EOFException endedWithoutCloseFrame) {
      return frames;
    } catch (SocketTimeoutException e) {
      throw new IOException("the connection did not end within " + timeoutMs + " ms", e);
    } catch (IOException reset) {
      if (reset.getMessage() != null && reset.getMessage().contains("reset")) {
        return frames;
      }
      throw reset;
    }
    return frames;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

package dev.vertio.engineio.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket client written frame by frame over a TCP socket (RFC 6455), for what friendlier
 * clients refuse to do: invalid UTF-8, oversized or odd fragments, never answering pings. It reads
 * with a socket timeout, so a test cannot hang on it.
 */
public final class RawWebSocket implements AutoCloseable {
  /** RFC 6455 section 1.3: the GUID hashed with the key into {@code Sec-WebSocket-Accept}. */
  public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  /** A frame read from the server. */
  public record Frame(boolean fin, int opcode, byte[] payload) {
    /**
     * @return the payload as UTF-8 text
     */
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /**
     * @return the close code of a close frame
     */
    public int closeCode() {
      return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }

    /**
     * @return the close reason of a close frame
     */
    public String closeReason() {
      return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final int status;
  private final Map<String, String> headers;
  private final String key;
  private final SecureRandom random = new SecureRandom();

  private RawWebSocket(Socket socket, int status, Map<String, String> headers, String key)
      throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.status = status;
    this.headers = headers;
    this.key = key;
  }

  /**
   * Sends the opening handshake and reads the answer's head.
   *
   * @param port the server's port on 127.0.0.1
   * @param pathAndQuery such as {@code /ws?nsp=/chat}
   * @param extraHeaders more request headers, such as {@code Origin}
   * @return the client, connected or not (see {@link #status()})
   */
  public static RawWebSocket open(int port, String pathAndQuery, Map<String, String> extraHeaders)
      throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(15_000);
    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);
    String key = Base64.getEncoder().encodeToString(nonce);
    StringBuilder req =
        new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\n")
            .append("Host: 127.0.0.1:")
            .append(port)
            .append("\r\n")
            .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
            .append("Sec-WebSocket-Key: ")
            .append(key)
            .append("\r\n");
    if (!extraHeaders.containsKey("Sec-WebSocket-Version")) {
      req.append("Sec-WebSocket-Version: 13\r\n");
    }
    extraHeaders.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
    req.append("\r\n");
    s.getOutputStream().write(req.toString().getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    InputStream in = s.getInputStream();
    String statusLine = readLine(in);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    return new RawWebSocket(s, status, headers, key);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  /**
   * @return the HTTP status of the handshake's answer (101 when upgraded)
   */
  public int status() {
    return status;
  }

  /**
   * @param name a header name @return its value in the answer, or null
   */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /**
   * @return the key this client sent
   */
  public String key() {
    return key;
  }

  /**
   * @return the body of a refused handshake (with Content-Length)
   */
  public String body() throws IOException {
    String len = header("content-length");
    if (len == null) {
      return "";
    }
    return new String(in.readNBytes(Integer.parseInt(len)), StandardCharsets.UTF_8);
  }

  /** Writes one masked frame (section 5.3: clients mask). */
  public RawWebSocket frame(boolean fin, int opcode, byte[] payload) throws IOException {
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write((fin ? 0x80 : 0) | opcode);
    int len = payload.length;
    if (len < 126) {
      f.write(0x80 | len);
    } else if (len < 65536) {
      f.write(0x80 | 126);
      f.write(len >> 8);
      f.write(len);
    } else {
      f.write(0x80 | 127);
      for (int i = 7; i >= 0; i--) {
        f.write((int) ((long) len >> (8 * i)));
      }
    }
    byte[] mask = new byte[4];
    random.nextBytes(mask);
    f.write(mask);
    for (int i = 0; i < len; i++) {
      f.write(payload[i] ^ mask[i % 4]);
    }
    out.write(f.toByteArray());
    out.flush();
    return this;
  }

  /** Writes a whole text message in one frame. */
  public RawWebSocket text(String text) throws IOException {
    return frame(true, 1, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @return the next frame from the server (pings included)
   */
  public Frame read() throws IOException {
    int b0 = in.read();
    if (b0 < 0) {
      throw new IOException("connection closed");
    }
    int b1 = in.read();
    long len = b1 & 0x7f;
    if (len == 126) {
      len = (in.read() << 8) | in.read();
    } else if (len == 127) {
      len = 0;
      for (int i = 0; i < 8; i++) {
        len = (len << 8) | in.read();
      }
    }
    byte[] payload = in.readNBytes((int) len);
    return new Frame((b0 & 0x80) != 0, b0 & 0x0f, payload);
  }

  /**
   * @return the next frame that is not a ping
   */
  public Frame readData() throws IOException {
    for (; ; ) {
      Frame f = read();
      if (f.opcode() != 9) {
        return f;
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

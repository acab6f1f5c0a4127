package dev.vertio.it;

import dev.vertio.engineio.testing.Recorder;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Clients built with the official Java client ({@code io.socket:socket.io-client} 2.1.x). Each
 * records what it sees as strings ({@code connect}, {@code connect_error <message> <data>}, {@code
 * disconnect <reason>}, {@code <event> <args as JSON>}); {@link #close()} closes them all.
 */
public final class OfficialJavaClients implements AutoCloseable {
  private final int port;
  private final List<Socket> sockets = new ArrayList<>();

  /** One client and what it saw. */
  public record Client(Socket socket, Recorder<String> events) {
    /** Emits and waits for the acknowledgement's arguments. */
    public Object[] emitWithAck(String event, Object... args) {
      CompletableFuture<Object[]> answer = new CompletableFuture<>();
      socket.emit(event, args, (Ack) answer::complete);
      try {
        return answer.get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError("no acknowledgement for " + event, e);
      }
    }

    /** Connects; listeners added before this see every event. */
    public Client open() {
      socket.connect();
      return this;
    }

    /** Listens to an event and records it as {@code <event> <args>}. */
    public Client record(String event) {
      socket.on(event, args -> events.record(event + " " + describe(args)));
      return this;
    }
  }

  /**
   * @param port the server's port
   */
  public OfficialJavaClients(int port) {
    this.port = port;
  }

  /** Renders arguments: JSON as JSON, byte arrays as {@code bytes[1,2]}. */
  public static String describe(Object[] args) {
    List<String> parts = new ArrayList<>();
    for (Object a : args) {
      parts.add(describeOne(a));
    }
    return String.join(" ", parts);
  }

  private static String describeOne(Object a) {
    if (a instanceof byte[]) {
      return "bytes" + Arrays.toString((byte[]) a).replace(" ", "");
    }
    if (a instanceof JSONObject) {
      JSONObject o = (JSONObject) a;
      List<String> parts = new ArrayList<>();
      java.util.TreeSet<String> keys = new java.util.TreeSet<>();
      o.keys().forEachRemaining(k -> keys.add((String) k));
      for (String k : keys) {
        parts.add(JSONObject.quote(k) + ":" + describeOne(o.opt(k)));
      }
      return "{" + String.join(",", parts) + "}";
    }
    if (a instanceof JSONArray) {
      JSONArray arr = (JSONArray) a;
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < arr.length(); i++) {
        parts.add(describeOne(arr.opt(i)));
      }
      return "[" + String.join(",", parts) + "]";
    }
    if (a instanceof String) {
      return JSONObject.quote((String) a);
    }
    return String.valueOf(a == JSONObject.NULL ? null : a);
  }

  /**
   * A new client (its own connection) of a namespace, not connected yet: add listeners, then {@link
   * Client#open()}.
   *
   * @param namespace e.g. {@code /} or {@code /admin}
   * @param transports e.g. {@code websocket}, {@code polling}, or both
   * @param auth the auth payload, or null
   * @return the client; its first recorded event is {@code connect} or {@code connect_error}
   */
  public Client create(String namespace, String[] transports, Map<String, String> auth) {
    IO.Options options =
        IO.Options.builder()
            .setForceNew(true)
            .setReconnection(false)
            .setTransports(transports)
            .setAuth(auth)
            .build();
    Socket socket = IO.socket(URI.create("http://127.0.0.1:" + port + namespace), options);
    Recorder<String> events = new Recorder<>();
    socket.on(Socket.EVENT_CONNECT, args -> events.record("connect"));
    socket.on(Socket.EVENT_DISCONNECT, args -> events.record("disconnect " + describe(args)));
    socket.on(Socket.EVENT_CONNECT_ERROR, args -> events.record("connect_error " + describe(args)));
    synchronized (sockets) {
      sockets.add(socket);
    }
    return new Client(socket, events);
  }

  @Override
  public void close() {
    synchronized (sockets) {
      for (Socket s : sockets) {
        s.close();
      }
      sockets.clear();
    }
  }
}

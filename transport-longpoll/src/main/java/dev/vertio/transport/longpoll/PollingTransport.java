package dev.vertio.transport.longpoll;

import dev.vertio.engineio.EngineProtocol;
import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.engineio.parser.EngineParseException;
import dev.vertio.engineio.parser.EngineWireFormat;
import dev.vertio.engineio.spi.OnContext;
import dev.vertio.engineio.spi.Transport;
import dev.vertio.engineio.spi.TransportHost;
import dev.vertio.engineio.spi.TransportListener;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.ContextInternal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One session's long-polling state: at most one pending GET (answered when there are packets) and
 * at most one POST in flight. A second concurrent GET or POST is a protocol error: 400, and the
 * session closes (reference {@code onPollRequest}/{@code onDataRequest}).
 */
final class PollingTransport implements Transport {
  private final TransportHost host;
  private final ContextInternal context;
  private final int maxBody;
  private final EngineWireFormat format;
  private final AtomicBoolean postInFlight = new AtomicBoolean();
  private TransportListener listener;

  /** Set and cleared on the session's context; volatile for isWritable() from other threads. */
  private volatile HttpServerRequest pendingGet;

  private boolean handshakeAnswered;
  private volatile boolean closed;

  PollingTransport(TransportHost host, ContextInternal context, EngineWireFormat format) {
    this.host = host;
    this.context = context;
    this.format = format;
    this.maxBody = host.options().getMaxHttpBufferSize();
  }

  @Override
  public String name() {
    return EngineProtocol.POLLING;
  }

  @Override
  public void listener(TransportListener listener) {
    this.listener = listener;
    if (pendingGet != null) {
      listener.onDrain();
    }
  }

  void onRequest(HttpServerRequest request) {
    if (request.method() == HttpMethod.GET) {
      onPoll(request);
    } else {
      onData(request);
    }
  }

  // ------------------------------------------------------------------ GET

  private void onPoll(HttpServerRequest request) {
    OnContext.run(
        context,
        () -> {
          if (closed) {
            host.refuse(request, EngineProtocol.BAD_REQUEST, Map.of("name", "TRANSPORT_CLOSED"));
            return;
          }
          if (pendingGet != null) {
            host.refuse(request, EngineProtocol.BAD_REQUEST, Map.of("name", "POLL_OVERLAP"));
            error("overlap from client");
            return;
          }
          pendingGet = request;
          request
              .response()
              .closeHandler(
                  v ->
                      OnContext.run(
                          context,
                          () -> {
                            if (pendingGet == request) {
                              pendingGet = null;
                              error("poll connection closed prematurely");
                            }
                          }));
          if (listener != null) {
            listener.onDrain();
          }
        });
  }

  // ------------------------------------------------------------------ POST

  private void onData(HttpServerRequest request) {
    String contentType = request.getHeader("Content-Type");
    boolean binary = contentType != null && contentType.startsWith("application/octet-stream");
    if (binary && !format.acceptsBinaryPayloads()) {
      // Revision 4 bodies are always text; the reference answers 400 and closes the session.
      // Revision 3 clients send binary payloads when they have binary packets.
      host.refuse(request, EngineProtocol.BAD_REQUEST, Map.of("name", "INVALID_CONTENT"));
      error("invalid content");
      return;
    }
    String declared = request.getHeader("Content-Length");
    if (declared != null && parseLength(declared) > maxBody) {
      tooLarge(request);
      return;
    }
    if (!postInFlight.compareAndSet(false, true)) {
      host.refuse(request, EngineProtocol.BAD_REQUEST, Map.of("name", "DATA_OVERLAP"));
      error("data request overlap from client");
      return;
    }
    BodyReader reader = new BodyReader(request, binary);
    request.handler(reader::onChunk);
    request.endHandler(v -> reader.onEnd());
    request.exceptionHandler(
        t -> {
          if (!reader.done) {
            reader.done = true;
            postInFlight.set(false);
            error("data request connection closed prematurely");
          }
        });
    request.resume();
  }

  /** Accumulates a POST body, counting bytes as they stream in. */
  private final class BodyReader {
    private final HttpServerRequest request;
    private final boolean binary;
    private Buffer body = Buffer.buffer();
    private boolean done;

    BodyReader(HttpServerRequest request, boolean binary) {
      this.request = request;
      this.binary = binary;
    }

    void onChunk(Buffer chunk) {
      if (done) {
        return;
      }
      if (body.length() + chunk.length() > maxBody) {
        done = true;
        body = null;
        postInFlight.set(false);
        tooLarge(request);
        return;
      }
      body.appendBuffer(chunk);
    }

    void onEnd() {
      if (done) {
        return;
      }
      done = true;
      postInFlight.set(false);
      Buffer received = body;
      body = null;
      List<EnginePacket> packets;
      try {
        packets =
            binary
                ? format.decodePayload(received.getBytes())
                : format.decodePayload(received.toString(StandardCharsets.UTF_8));
      } catch (EngineParseException e) {
        host.refuse(request, EngineProtocol.BAD_REQUEST, Map.of("name", "PARSE_ERROR"));
        OnContext.run(
            context,
            () -> {
              if (listener != null && !closed) {
                listener.onParseError(e.getMessage());
              }
            });
        return;
      }
      OnContext.run(
          context,
          () -> {
            if (listener != null && !closed) {
              for (EnginePacket p : packets) {
                listener.onPacket(p);
              }
            }
          });
      HttpServerResponse response = request.response();
      MultiMap headers = response.headers();
      headers.set("Content-Type", "text/html");
      host.decorate(request, headers, false);
      response.end("ok");
    }
  }

  private void tooLarge(HttpServerRequest request) {
    host.payloadTooLarge(request);
    error("payload too large");
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private void error(String description) {
    OnContext.run(
        context,
        () -> {
          if (listener != null && !closed) {
            listener.onError(description);
          }
        });
  }

  // ------------------------------------------------------------------ Transport

  @Override
  public boolean isWritable() {
    return pendingGet != null && !closed;
  }

  @Override
  public boolean batchesWrites() {
    return true;
  }

  @Override
  public void send(List<EnginePacket> packets) {
    HttpServerRequest request = pendingGet;
    if (request == null) {
      return;
    }
    pendingGet = null;
    boolean handshake = !handshakeAnswered;
    handshakeAnswered = true;
    PollingResponses.write(host, request, format.encodePayload(packets), handshake);
  }

  @Override
  public void close() {
    if (!closed) {
      if (pendingGet != null) {
        send(List.of(EnginePacket.CLOSE));
      }
      closed = true;
    }
  }

  @Override
  public void discard() {
    if (!closed) {
      if (pendingGet != null) {
        send(List.of(EnginePacket.NOOP));
      }
      closed = true;
    }
  }
}

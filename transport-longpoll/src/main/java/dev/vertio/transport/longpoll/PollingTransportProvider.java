package dev.vertio.transport.longpoll;

import dev.vertio.engineio.EngineProtocol;
import dev.vertio.engineio.spi.Transport;
import dev.vertio.engineio.spi.TransportHost;
import dev.vertio.engineio.spi.TransportProvider;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;

/**
 * The HTTP long-polling transport: GET requests are held until there is something to send, POST
 * requests carry packets from the client. In revision 4 payloads join packets with {@code \x1e} and
 * binary packets travel as {@code b} + base64; revision 3 framing (older clients, {@code
 * allowEIO3}) is the session's {@link dev.vertio.engineio.parser.EngineWireFormat}.
 */
public final class PollingTransportProvider implements TransportProvider {

  @Override
  public String name() {
    return EngineProtocol.POLLING;
  }

  @Override
  public Future<Transport> open(HttpServerRequest request, TransportHost host) {
    ContextInternal context = ((ContextInternal) host.vertx().getOrCreateContext()).unwrap();
    PollingTransport transport = new PollingTransport(host, context, host.wireFormat(request));
    transport.onRequest(request);
    return Future.succeededFuture(transport);
  }

  @Override
  public void handle(HttpServerRequest request, Transport transport) {
    ((PollingTransport) transport).onRequest(request);
  }
}

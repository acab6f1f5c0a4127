package dev.vertio.micrometer;

import dev.vertio.micrometer.impl.MicrometerListener;
import dev.vertio.socketio.SocketIoServer;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Micrometer metrics of one Vertio server. Binding adds a listener to the server; without it the
 * server pays nothing for metrics.
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * VertioMetrics metrics = VertioMetrics.bind(io, registry,
 *     new MetricsOptions().addEvent("chat").addEvent("join"));
 * }</pre>
 *
 * <p>Meters (with the default prefix; Prometheus writes dots as underscores and adds {@code _total}
 * to counters): {@value #SESSIONS} (gauge, by transport), {@code vertio.handshakes}, {@code
 * vertio.upgrades} (by result), {@code vertio.session.closes} (by reason), {@code
 * vertio.connection.errors} (by code), {@code vertio.sockets} and {@code vertio.rooms} (gauges, by
 * namespace), {@code vertio.socket.connects}, {@code vertio.socket.disconnects} (by reason), {@code
 * vertio.connect.errors} (by error), {@code vertio.events.received} and {@code vertio.events.sent}
 * (by event), {@code vertio.received.bytes} and {@code vertio.sent.bytes}, {@code vertio.ack.rtt}
 * (timer with percentiles), {@code vertio.ack.timeouts}, {@code vertio.broadcast.recipients}
 * (distribution), {@code vertio.buffered.bytes} (gauge) and {@code vertio.recovery.attempts} (by
 * result).
 */
public final class VertioMetrics {
  /** The name of the sessions gauge with the default prefix. */
  public static final String SESSIONS = "vertio.sessions";

  private final SocketIoServer io;
  private final MicrometerListener listener;

  private VertioMetrics(SocketIoServer io, MicrometerListener listener) {
    this.io = io;
    this.listener = listener;
  }

  /**
   * @param io the server
   * @param registry where the meters go
   * @return the binding, to {@link #unbind()} later
   */
  public static VertioMetrics bind(SocketIoServer io, MeterRegistry registry) {
    return bind(io, registry, new MetricsOptions());
  }

  /**
   * @param io the server
   * @param registry where the meters go
   * @param options tags and names
   * @return the binding, to {@link #unbind()} later
   */
  public static VertioMetrics bind(
      SocketIoServer io, MeterRegistry registry, MetricsOptions options) {
    MicrometerListener listener = new MicrometerListener(io, registry, options);
    io.addListener(listener);
    return new VertioMetrics(io, listener);
  }

  /** Stops recording: the listener is removed and the meters are removed from the registry. */
  public void unbind() {
    io.removeListener(listener);
    listener.close();
  }
}

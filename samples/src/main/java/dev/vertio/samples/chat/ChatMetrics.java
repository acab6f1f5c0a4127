package dev.vertio.samples.chat;

import dev.vertio.micrometer.MetricsOptions;
import dev.vertio.micrometer.VertioMetrics;
import dev.vertio.socketio.SocketIoServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;

/**
 * The chat's Prometheus scrape endpoint, {@code GET /metrics}: Vertio's meters (the chat's own
 * events as tags) and the JVM's.
 */
public final class ChatMetrics {
  /** The chat's events recorded as tag values; others count as {@code other}. */
  public static final String[] EVENTS = {"join", "leave", "message", "image", "typing"};

  private ChatMetrics() {}

  /**
   * @param io the chat's server
   * @param router where {@code GET /metrics} goes
   * @return the registry
   */
  public static PrometheusMeterRegistry mount(SocketIoServer io, Router router) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MetricsOptions options = new MetricsOptions();
    for (String event : EVENTS) {
      options.addEvent(event);
    }
    VertioMetrics.bind(io, registry, options);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(registry.scrape()));
    return registry;
  }
}

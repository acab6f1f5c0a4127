package dev.vertio.micrometer.impl;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The meters of one namespace tag value; counters by event or reason are made on first use. */
final class NamespaceMeters {
  private final MeterRegistry registry;
  private final String prefix;
  private final Tags tags;
  private final Set<String> events;
  private final Map<String, Counter> received = new ConcurrentHashMap<>();
  private final Map<String, Counter> sent = new ConcurrentHashMap<>();
  private final Map<String, Counter> disconnects = new ConcurrentHashMap<>();
  private final Map<String, Counter> connectErrors = new ConcurrentHashMap<>();
  final Counter connects;
  final Counter bytesReceived;
  final Counter bytesSent;
  final Timer ackRtt;
  final Counter ackTimeouts;
  final DistributionSummary broadcastRecipients;
  final Counter recovered;
  final Counter notRecovered;

  NamespaceMeters(
      MeterRegistry registry,
      String prefix,
      String namespace,
      Set<String> events,
      double[] percentiles) {
    this.registry = registry;
    this.prefix = prefix;
    this.tags = Tags.of("namespace", namespace);
    this.events = events;
    connects =
        Counter.builder(prefix + ".socket.connects")
            .tags(tags)
            .description("Sockets connected to the namespace")
            .register(registry);
    bytesReceived =
        Counter.builder(prefix + ".received.bytes")
            .tags(tags)
            .baseUnit("bytes")
            .description("Wire size of the events received")
            .register(registry);
    bytesSent =
        Counter.builder(prefix + ".sent.bytes")
            .tags(tags)
            .baseUnit("bytes")
            .description("Wire size of the events written, per recipient")
            .register(registry);
    ackRtt =
        Timer.builder(prefix + ".ack.rtt")
            .tags(tags)
            .description("From an emit with acknowledgement to the client's answer")
            .publishPercentiles(percentiles)
            .publishPercentileHistogram()
            .register(registry);
    ackTimeouts =
        Counter.builder(prefix + ".ack.timeouts")
            .tags(tags)
            .description("Acknowledgements the server waited for in vain")
            .register(registry);
    broadcastRecipients =
        DistributionSummary.builder(prefix + ".broadcast.recipients")
            .tags(tags)
            .description("Sockets of this node a broadcast was written to")
            .register(registry);
    recovered = recovery("recovered");
    notRecovered = recovery("new");
  }

  private Counter recovery(String result) {
    return Counter.builder(prefix + ".recovery.attempts")
        .tags(tags)
        .tag("result", result)
        .description("Clients that presented a recovery offset, by outcome")
        .register(registry);
  }

  Counter received(String event) {
    return byEvent(received, ".events.received", "Events received", event);
  }

  Counter sent(String event) {
    return byEvent(sent, ".events.sent", "Events written, per recipient", event);
  }

  private Counter byEvent(Map<String, Counter> map, String name, String description, String event) {
    String tag = events.contains(event) ? event : dev.vertio.micrometer.MetricsOptions.OTHER_EVENT;
    Counter c = map.get(tag);
    if (c == null) {
      c =
          map.computeIfAbsent(
              tag,
              t ->
                  Counter.builder(prefix + name)
                      .tags(tags)
                      .tag("event", t)
                      .description(description)
                      .register(registry));
    }
    return c;
  }

  Counter disconnect(String reason) {
    return disconnects.computeIfAbsent(
        reason,
        r ->
            Counter.builder(prefix + ".socket.disconnects")
                .tags(tags)
                .tag("reason", r)
                .description("Sockets disconnected, by reason")
                .register(registry));
  }

  Counter connectError(String error) {
    return connectErrors.computeIfAbsent(
        error,
        e ->
            Counter.builder(prefix + ".connect.errors")
                .tags(tags)
                .tag("error", e)
                .description("CONNECT answered with CONNECT_ERROR")
                .register(registry));
  }
}

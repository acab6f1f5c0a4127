package dev.vertio.micrometer;

import dev.vertio.socketio.Namespace;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * What {@link VertioMetrics} records and how it names it. Tags stay bounded: event names become a
 * tag only when listed here, other events count as {@code other}; dynamic namespaces ({@code
 * io.of(Pattern)}) are tagged {@code dynamic} unless {@link #setNamespaceTag} says otherwise.
 */
public final class MetricsOptions {
  /** Default {@code prefix}: {@code vertio}. */
  public static final String DEFAULT_PREFIX = "vertio";

  /** The event tag of events not in the allow-list. */
  public static final String OTHER_EVENT = "other";

  /** The namespace tag of dynamic namespaces, by default. */
  public static final String DYNAMIC_NAMESPACE = "dynamic";

  /** Default percentiles of the acknowledgement round-trip timer. */
  public static final double[] DEFAULT_PERCENTILES = {0.5, 0.9, 0.99};

  private String prefix = DEFAULT_PREFIX;
  private final Set<String> events = new LinkedHashSet<>();
  private Function<Namespace, String> namespaceTag =
      ns -> ns.dynamic() ? DYNAMIC_NAMESPACE : ns.name();
  private double[] percentiles = DEFAULT_PERCENTILES.clone();

  /** Defaults: prefix {@code vertio}, no event names as tags. */
  public MetricsOptions() {}

  /**
   * @return the first part of every meter name
   */
  public String getPrefix() {
    return prefix;
  }

  /**
   * @param prefix the first part of every meter name, e.g. {@code vertio} gives {@code
   *     vertio.sessions} ({@code vertio_sessions} in Prometheus)
   * @return this
   */
  public MetricsOptions setPrefix(String prefix) {
    if (prefix == null || prefix.isBlank()) {
      throw new IllegalArgumentException("prefix must not be empty");
    }
    this.prefix = prefix;
    return this;
  }

  /**
   * @return the event names recorded as tags
   */
  public Set<String> getEvents() {
    return Set.copyOf(events);
  }

  /**
   * @param event an event name to record as a tag value of the event meters (keep the list short:
   *     each name is a time series per namespace)
   * @return this
   */
  public MetricsOptions addEvent(String event) {
    events.add(event);
    return this;
  }

  /**
   * @return how a namespace becomes a tag value
   */
  public Function<Namespace, String> getNamespaceTag() {
    return namespaceTag;
  }

  /**
   * @param namespaceTag how a namespace becomes a tag value; it must give few distinct values
   * @return this
   */
  public MetricsOptions setNamespaceTag(Function<Namespace, String> namespaceTag) {
    this.namespaceTag = namespaceTag;
    return this;
  }

  /**
   * @return the published percentiles of the acknowledgement round-trip timer
   */
  public double[] getPercentiles() {
    return percentiles.clone();
  }

  /**
   * @param percentiles percentiles between 0 and 1 published with the acknowledgement timer
   * @return this
   */
  public MetricsOptions setPercentiles(double... percentiles) {
    for (double p : percentiles) {
      if (p <= 0 || p >= 1) {
        throw new IllegalArgumentException("a percentile is between 0 and 1: " + p);
      }
    }
    this.percentiles = percentiles.clone();
    return this;
  }
}

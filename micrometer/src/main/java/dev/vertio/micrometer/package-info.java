/**
 * Micrometer metrics for a Vertio server ({@link dev.vertio.micrometer.VertioMetrics}): sessions,
 * sockets, rooms, events, bytes, acknowledgements, broadcasts, disconnect reasons. Optional: core
 * does not depend on it.
 */
package dev.vertio.micrometer;

/**
 * The bench's scenarios (idle, ack, broadcast, churn, mixed, endurance, reconnect storm, cold
 * start), each measuring server figures from {@code /proc}.
 */
package dev.vertio.bench.scenario;

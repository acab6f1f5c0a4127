/**
 * Liveness and readiness endpoints for a Vertio server ({@link dev.vertio.health.VertioHealth}), on
 * Vert.x health checks: not ready until the warm-up ended and while draining.
 */
package dev.vertio.health;

package dev.vertio.bench.scenario;

/**
 * Settings of the load generator, the same for every server.
 *
 * @param eventLoops the generator's event loops
 * @param warmupSeconds seconds of load before each measured window (not measured)
 * @param durationSeconds seconds of each measured window
 */
public record RunSettings(int eventLoops, double warmupSeconds, double durationSeconds) {}

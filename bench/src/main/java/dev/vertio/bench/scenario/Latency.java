package dev.vertio.bench.scenario;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Latencies in microseconds, recorded from any thread, read per measured window. */
final class Latency {
  private final Recorder recorder = new Recorder(3_600_000_000L, 3);

  /** Records one latency, in microseconds. */
  void record(long micros) {
    recorder.recordValue(Math.max(0, Math.min(micros, 3_600_000_000L)));
  }

  /** Starts a new window, forgetting what was recorded. */
  void reset() {
    recorder.getIntervalHistogram();
  }

  /**
   * @return what was recorded since the last reset or read
   */
  Histogram read() {
    return recorder.getIntervalHistogram();
  }

  /**
   * @return a percentile of a histogram in milliseconds
   */
  static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
  }
}

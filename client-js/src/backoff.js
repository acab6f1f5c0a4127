/** Reconnection delays as the reference computes them: min * 2^attempt, ± jitter, capped. */
export class Backoff {
  constructor({ min = 1000, max = 5000, jitter = 0.5, random = Math.random } = {}) {
    this.ms = min;
    this.max = max;
    this.jitter = jitter > 0 && jitter <= 1 ? jitter : 0;
    this.random = random;
    this.attempts = 0;
  }

  duration() {
    let ms = this.ms * Math.pow(2, this.attempts++);
    if (this.jitter) {
      const rand = this.random();
      const deviation = Math.floor(rand * this.jitter * ms);
      ms = (Math.floor(rand * 10) & 1) === 0 ? ms - deviation : ms + deviation;
    }
    return Math.min(ms, this.max) | 0;
  }

  reset() {
    this.attempts = 0;
  }
}

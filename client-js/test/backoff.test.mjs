// The reconnection backoff, with a seeded random source.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Backoff } from "../src/backoff.js";

test("without jitter delays double up to the maximum", () => {
  const b = new Backoff({ min: 1000, max: 5000, jitter: 0 });
  assert.deepEqual([b.duration(), b.duration(), b.duration(), b.duration()], [1000, 2000, 4000, 5000]);
  b.reset();
  assert.equal(b.duration(), 1000);
});

test("jitter follows the reference formula", () => {
  const minus = new Backoff({ min: 1000, max: 5000, jitter: 0.5, random: () => 0.25 });
  assert.deepEqual([minus.duration(), minus.duration()], [875, 1750]);
  const plus = new Backoff({ min: 1000, max: 5000, jitter: 0.5, random: () => 0.35 });
  assert.deepEqual(
    [plus.duration(), plus.duration(), plus.duration(), plus.duration()],
    [1175, 2350, 4700, 5000],
  );
});

test("a seeded random source stays within the bounds", () => {
  let seed = 42;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const b = new Backoff({ min: 1000, max: 5000, jitter: 0.5, random });
  for (let i = 0; i < 20; i++) {
    const d = b.duration();
    assert.ok(d <= 5000 && d >= Math.min(1000 * 2 ** i * 0.5, 5000) - 1, String(d));
  }
});

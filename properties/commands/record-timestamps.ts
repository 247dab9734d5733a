// A timed send's record timestamps (LG-7): each value's CreateTime a step from the timestamp sent
// before it, mostly rising as a producer's clock does, sometimes back or repeated, at 0 and up to an
// hour ahead of the run's clock, so lookups by timestamp meet batches whose first records are older
// than their newest.

/**
 * A value's CreateTime as a step (ms) from the timestamp sent before it, or the two ends a run may
 * use: 0 and the latest Kafka accepts by default (message.timestamp.after.max.ms: one hour past
 * the run's clock, minus 1 ms).
 */
export type TimestampChoice = number | 'zero' | 'hour-ahead';

/** message.timestamp.after.max.ms's default (1 hour) less 1 ms: still accepted by Kafka 4.4. */
const HOUR_AHEAD_MS = 3_600_000 - 1;

/**
 * The timestamp a choice gives after `previousMs` (the timestamp sent before) at the run's clock
 * `nowMs`: never below 0, never past an hour ahead of the clock.
 */
export function timestampAt(choice: TimestampChoice, previousMs: number, nowMs: number): number {
  if (choice === 'zero') return 0;
  if (choice === 'hour-ahead') return nowMs + HOUR_AHEAD_MS;
  return Math.min(Math.max(0, previousMs + choice), nowMs + HOUR_AHEAD_MS);
}

/** One timestamp per value, each a step from the one before (the first from `previousMs`). */
export function walkTimestamps(
  choices: readonly TimestampChoice[],
  count: number,
  previousMs: number,
  nowMs: number,
): number[] {
  const timestamps: number[] = [];
  let previous = previousMs;
  for (let i = 0; i < count; i++) {
    previous = timestampAt(choices[i % choices.length]!, previous, nowMs);
    timestamps.push(previous);
  }
  return timestamps;
}

import { generationMonotonic } from './generation-monotonic.ts';
import { highWatermarkBounded } from './high-watermark-bounded.ts';
import { highWatermarkMonotonic } from './high-watermark-monotonic.ts';
import type { StateInvariant } from './invariant.ts';
import { leaderInIsr } from './leader-in-isr.ts';
import { oneOwnerPerPartition } from './one-owner-per-partition.ts';

export type { StateInvariant } from './invariant.ts';

export const STATE_INVARIANTS: readonly StateInvariant[] = [
  oneOwnerPerPartition,
  highWatermarkBounded,
  highWatermarkMonotonic,
  leaderInIsr,
  generationMonotonic,
];

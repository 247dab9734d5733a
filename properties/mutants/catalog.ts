// The mutant catalog: realistic bugs of Kafka-compatible brokers, each switchable in the reference
// cluster (`kspec.mutant`, impl/mutants), with the suite that searches for it, the properties
// expected to catch it, and a fixed seed and run budget that catch it (the quick mode CI runs).
import type { Config } from '../../spec/config.ts';
import type { MutantName } from '../../spec/mutants.ts';
import type { PropertyName } from '../rules.ts';

export interface Mutant {
  readonly name: MutantName;
  /** Where the bug sits in the reference implementation. */
  readonly area: 'coordinator' | 'replication' | 'controller' | 'broker';
  readonly description: string;
  /** The suite whose runs search for it. */
  readonly suite: string;
  /** Extra settings the search needs (on top of the safe profile and the suite's overrides). */
  readonly config?: Config;
  /** Properties expected to catch it (any one of them; the two lockstep properties always count). */
  readonly caughtBy: readonly PropertyName[];
  /** Fixed seed and most runs of the quick mode (`kspec mutants --quick`, CI). */
  readonly seed: number;
  readonly runs: number;
}

const m = (
  name: MutantName,
  area: Mutant['area'],
  suite: string,
  caughtBy: readonly PropertyName[],
  description: string,
  extra: { config?: Config; seed?: number; runs?: number } = {},
): Mutant => ({
  name,
  area,
  suite,
  // Lockstep with the model catches any mutant whose answers or choices leave what the model allows.
  caughtBy: ['lockstep-observation', 'lockstep-choice', ...caughtBy],
  description,
  seed: extra.seed ?? 1,
  runs: extra.runs ?? 200,
  ...(extra.config ? { config: extra.config } : {}),
});

export const MUTANTS: readonly Mutant[] = [
  m(
    'commit-stale-generation',
    'coordinator',
    'group',
    ['no-stale-generation-commit'],
    'OffsetCommit skips the generation check: a zombie of an earlier generation commits.',
  ),
  m(
    'commit-unknown-member',
    'coordinator',
    'group',
    ['no-stale-generation-commit'],
    'OffsetCommit skips the member check: a member removed from the group still commits.',
  ),
  m(
    'commit-during-completing-rebalance',
    'coordinator',
    'group',
    ['no-stale-generation-commit'],
    'OffsetCommit is accepted in CompletingRebalance, before the new assignment is known.',
  ),
  m(
    'commit-simple-into-live-group',
    'coordinator',
    'group',
    ['no-stale-generation-commit'],
    'A commit without member id and generation (a simple/admin commit) is accepted into a live group.',
  ),
  m(
    'commit-future-generation',
    'coordinator',
    'group',
    ['no-stale-generation-commit'],
    'OffsetCommit compares generations with < instead of !=: a future generation is accepted.',
  ),
  m(
    'heartbeat-stale-generation-none',
    'coordinator',
    'group',
    ['no-stale-generation-commit', 'one-owner-per-partition'],
    'Heartbeat answers NONE to a stale generation, so a zombie never learns it must rejoin.',
  ),
  m(
    'sync-leader-assignment-to-all',
    'coordinator',
    'assignors',
    ['one-owner-per-partition'],
    "SyncGroup hands every member the leader's own assignment.",
  ),
  m(
    'leave-without-rebalance',
    'coordinator',
    'group',
    ['generation-monotonic'],
    'LeaveGroup removes the member but the group stays Stable in the same generation.',
  ),
  m(
    'expire-without-rebalance',
    'coordinator',
    'group',
    ['generation-monotonic'],
    'Session expiry removes the member without starting a rebalance.',
  ),
  m(
    'generation-reset-on-empty',
    'coordinator',
    'group',
    ['generation-monotonic'],
    'The generation goes back to 0 when the group empties (instead of moving on).',
  ),
  m(
    'offset-fetch-off-by-one',
    'coordinator',
    'commit',
    ['at-least-once', 'poll-skip'],
    'OffsetFetch answers the committed offset + 1: a restarting consumer skips a record.',
  ),
  m(
    'keep-member-after-session-expiry',
    'coordinator',
    'group',
    ['generation-monotonic', 'one-owner-per-partition'],
    'A member whose session expired is kept: the group waits for it forever.',
  ),
  m(
    'hw-before-isr',
    'replication',
    'replication',
    ['high-watermark-bounded', 'no-acknowledged-loss'],
    'The leader advances the high watermark to its own log end, before the ISR has the data.',
  ),
  m(
    'elect-out-of-sync-leader',
    'controller',
    'replication',
    ['leader-in-isr', 'no-acknowledged-loss'],
    'The controller elects a live replica outside the ISR although unclean election is off.',
  ),
  m(
    'truncate-to-hw',
    'replication',
    'replication',
    ['no-acknowledged-loss', 'lost-write', 'inconsistent-offsets', 'high-watermark-bounded'],
    'A restarted follower truncates to its high watermark instead of by leader epoch (pre-KIP-101).',
  ),
  m(
    'acks-all-before-replication',
    'replication',
    'replication',
    ['no-acknowledged-loss', 'lost-write'],
    'acks=all is answered as soon as the leader appended, before the ISR has the write.',
  ),
  m(
    'ignore-min-insync',
    'replication',
    'replication',
    ['no-acknowledged-loss', 'lost-write'],
    'acks=all writes are accepted with fewer than min.insync.replicas in the ISR.',
  ),
  m(
    'isr-join-before-caught-up',
    'replication',
    'replication',
    ['no-acknowledged-loss', 'high-watermark-bounded'],
    'A follower rejoins the ISR at its first fetch, before it reached the high watermark.',
  ),
  m(
    'consumer-reads-above-hw',
    'broker',
    'replication',
    ['lost-write', 'inconsistent-offsets', 'no-acknowledged-loss'],
    'Consumer fetches return records above the high watermark, which a failover may truncate.',
    { runs: 500 },
  ),
  m(
    'leader-epoch-not-bumped',
    'controller',
    'replication',
    ['high-watermark-monotonic', 'no-acknowledged-loss', 'inconsistent-offsets', 'lost-write'],
    'A leader change keeps the old leader epoch, so the old leader is never fenced and epochs cannot tell logs apart.',
  ),
  m(
    'lose-unflushed-on-process-crash',
    'broker',
    'replication',
    ['no-acknowledged-loss', 'lost-write', 'inconsistent-offsets', 'high-watermark-bounded'],
    'A process crash loses unflushed bytes as a power loss would (data in the page cache treated as volatile).',
  ),
];

export function mutantByName(name: string): Mutant | undefined {
  return MUTANTS.find((mutant) => mutant.name === name);
}

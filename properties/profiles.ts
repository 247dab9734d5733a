// The course notes' no-loss checklist (../shared/kafka-semantics.md section 5) as config overrides by
// Kafka's names: the safe profile, each unsafe flip applied alone on top of it, and the availability
// case replication.factor == min.insync.replicas.
import type { Config } from '../spec/config.ts';
import type { PropertyName } from './rules.ts';

export interface Flip {
  /** The profile name `--profile` takes. */
  readonly name: string;
  /** The matrix row: the setting as the checklist names it, and its unsafe value. */
  readonly setting: string;
  readonly unsafeValue: string;
  readonly overrides: Config;
  /** The loss scenario the checker should find. */
  readonly scenario: string;
  /** The properties expected to catch it. */
  readonly caughtBy: readonly PropertyName[];
  /** Availability rows expect writes to be refused rather than data to be lost. */
  readonly kind: 'safety' | 'availability';
  /** Which side of the checklist it is about (which matrix suite searches for it). */
  readonly side: 'producer' | 'consumer';
  /**
   * A switch only kspec's reference and models have (spec/config.ts `kspec.*`, not a client
   * setting): other systems cannot be set so, and their matrices leave the row out.
   */
  readonly kspecOnly?: boolean;
}

export const SAFE_PROFILE: Config = {
  acks: 'all',
  retries: 2147483647,
  'enable.idempotence': true,
  'kspec.producer.send': 'callback',
  'unclean.leader.election.enable': false,
  'replication.factor': 3,
  'min.insync.replicas': 2,
  'enable.auto.commit': false,
  'kspec.consumer.processing': 'process-then-commit',
  'auto.offset.reset': 'earliest',
  brokers: 3,
  partitions: 2,
  'session.timeout.ms': 10000,
  'heartbeat.interval.ms': 3000,
  'max.poll.interval.ms': 30000,
  'replica.lag.time.max.ms': 10000,
  'group.initial.rebalance.delay.ms': 0,
  // Not a safety setting: a small __consumer_offsets keeps each run's broker restarts quick.
  'offsets.topic.num.partitions': 3,
};

const flip = (
  name: string,
  setting: string,
  unsafeValue: string,
  overrides: Config,
  scenario: string,
  caughtBy: readonly PropertyName[],
  kind: 'safety' | 'availability' = 'safety',
): Flip => ({
  name,
  setting,
  unsafeValue,
  overrides,
  scenario,
  caughtBy,
  kind,
  side: caughtBy.includes('at-least-once') ? 'consumer' : 'producer',
});

export const FLIPS: readonly Flip[] = [
  flip(
    'fire-and-forget',
    'kspec.producer.send',
    'fire-and-forget',
    { 'kspec.producer.send': 'fire-and-forget' },
    'a transient error, and the message is never re-sent',
    ['no-acknowledged-loss'],
  ),
  flip('acks-1', 'acks', '1', { acks: '1' }, 'the leader fails before followers copy the write', [
    'no-acknowledged-loss',
    'lost-write',
  ]),
  flip('retries-0', 'retries', '0', { retries: 0 }, 'one transient failure drops the message', [
    'no-dropped-send',
  ]),
  flip(
    'idempotence-off',
    'enable.idempotence',
    'false',
    { 'enable.idempotence': false },
    'a send whose answer was lost is retried and written a second time',
    ['duplicate-write'],
  ),
  flip(
    'unclean-election',
    'unclean.leader.election.enable',
    'true',
    { 'unclean.leader.election.enable': true },
    'a lagging replica is elected and the tail is truncated everywhere',
    ['no-acknowledged-loss', 'lost-write'],
  ),
  flip(
    'replication-factor-1',
    'replication.factor',
    '1',
    { 'replication.factor': 1, 'min.insync.replicas': 1 },
    'the only replica loses its disk',
    ['no-acknowledged-loss'],
  ),
  flip(
    'min-insync-1',
    'min.insync.replicas',
    '1',
    { 'min.insync.replicas': 1 },
    'the ISR shrinks to the leader alone, which then dies',
    ['no-acknowledged-loss'],
  ),
  // Not a setting of the notes' checklist: kspec's switch for the follower truncation Kafka used
  // before KIP-101 (RP-15), the best-known way replication itself lost acknowledged writes.
  {
    ...flip(
      'truncate-to-high-watermark',
      'kspec.replication.truncation',
      'high-watermark',
      { 'kspec.replication.truncation': 'high-watermark' },
      'a follower restarts, truncates to its own high watermark and is elected before it catches up (pre-KIP-101)',
      ['no-acknowledged-loss'],
    ),
    kspecOnly: true,
  },
  flip(
    'commit-before-processing',
    'enable.auto.commit / processing',
    'commit before processing',
    {
      'enable.auto.commit': true,
      'kspec.consumer.processing': 'commit-then-process',
      'auto.commit.interval.ms': 0,
    },
    'the consumer crashes between the commit and processing',
    ['at-least-once'],
  ),
];

export const AVAILABILITY_CASE: Flip = flip(
  'rf-equals-min-insync',
  'replication.factor == min.insync.replicas',
  '3 == 3',
  { 'replication.factor': 3, 'min.insync.replicas': 3 },
  'any one replica down blocks acks=all writes (NOT_ENOUGH_REPLICAS)',
  ['acks-all-availability'],
  'availability',
);

export const PROFILE_NAMES = ['safe', ...FLIPS.map((f) => f.name), AVAILABILITY_CASE.name] as const;

export function flipByName(name: string): Flip | undefined {
  return [...FLIPS, AVAILABILITY_CASE].find((f) => f.name === name);
}

/** The configuration of a profile: the safe one, or the safe one with one flip applied. */
export function profileConfig(name: string): Config {
  if (name === 'safe') return SAFE_PROFILE;
  const found = flipByName(name);
  if (!found) throw new Error(`unknown profile '${name}' (expected one of: ${PROFILE_NAMES.join(', ')})`);
  return { ...SAFE_PROFILE, ...found.overrides };
}

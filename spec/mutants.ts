// Names of the known bugs (mutants) the reference cluster can be switched into with the
// `kspec.mutant` setting, to show the checker catches each. The catalog with descriptions, the
// suites that search for each and the rules expected to catch it is properties/mutants/catalog.ts;
// the switches themselves live in impl/ (impl/mutants/index.ts), off unless the setting names one.
export const MUTANT_NAMES = [
  'commit-stale-generation',
  'commit-unknown-member',
  'commit-during-completing-rebalance',
  'commit-simple-into-live-group',
  'commit-future-generation',
  'heartbeat-stale-generation-none',
  'sync-leader-assignment-to-all',
  'leave-without-rebalance',
  'expire-without-rebalance',
  'generation-reset-on-empty',
  'offset-fetch-off-by-one',
  'keep-member-after-session-expiry',
  'hw-before-isr',
  'elect-out-of-sync-leader',
  'truncate-to-hw',
  'acks-all-before-replication',
  'ignore-min-insync',
  'isr-join-before-caught-up',
  'consumer-reads-above-hw',
  'leader-epoch-not-bumped',
  'lose-unflushed-on-process-crash',
] as const;

export type MutantName = (typeof MUTANT_NAMES)[number];

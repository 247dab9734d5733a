// The safe profile and the unsafe settings the replication model can express, with the fault
// assumption the safe profile claims to survive (TigerBeetle style: inject only faults the system
// claims to survive, and say which).
import type { Config } from '../../spec/config.ts';

/**
 * RP-20: acks=all, replication factor 3, min.insync.replicas=2, unclean.leader.election.enable=false,
 * leader-epoch truncation. Claimed to survive, in any interleaving: any number of clean shutdowns and
 * process crashes with restarts, ISR shrinks from lag, and one permanent disk loss (default fault
 * budget). Not claimed: any power loss unless flush.messages=1 (a power loss on the last ISR member
 * loses acknowledged data; KIP-966), and more than one disk loss. Availability is not claimed: the
 * partition may stay offline (no live ISR member) without losing data.
 */
export const SAFE_REPLICATION_CONFIG: Config = {
  acks: 'all',
  'replication.factor': 3,
  'min.insync.replicas': 2,
  'unclean.leader.election.enable': false,
  'kspec.replication.truncation': 'leader-epoch',
};

export interface UnsafeScenario {
  /** The seed checklist's wording of the setting. */
  readonly setting: string;
  readonly config: Config;
  /** The loss the explorer must find. */
  readonly expectedRules: readonly string[];
}

/** Each unsafe setting of kafka-semantics.md section 5 the model expresses, changed alone from the safe profile. */
export const UNSAFE_REPLICATION_SCENARIOS: readonly UnsafeScenario[] = [
  { setting: 'acks=1', config: { ...SAFE_REPLICATION_CONFIG, acks: '1' }, expectedRules: ['RP-18'] },
  { setting: 'acks=0', config: { ...SAFE_REPLICATION_CONFIG, acks: '0' }, expectedRules: ['RP-18'] },
  {
    setting: 'min.insync.replicas=1',
    config: { ...SAFE_REPLICATION_CONFIG, 'min.insync.replicas': 1 },
    expectedRules: ['RP-18', 'RP-19'],
  },
  {
    setting: 'unclean.leader.election.enable=true',
    config: { ...SAFE_REPLICATION_CONFIG, 'unclean.leader.election.enable': true },
    expectedRules: ['RP-18', 'RP-19'],
  },
  {
    setting: 'replication.factor=1',
    config: { ...SAFE_REPLICATION_CONFIG, 'replication.factor': 1, 'min.insync.replicas': 1 },
    expectedRules: ['RP-18', 'RP-19'],
  },
  {
    setting: 'kspec.replication.truncation=high-watermark',
    config: { ...SAFE_REPLICATION_CONFIG, 'kspec.replication.truncation': 'high-watermark' },
    expectedRules: ['RP-4', 'RP-18', 'RP-19'],
  },
  {
    setting: 'kspec.producer.send=fire-and-forget',
    config: { ...SAFE_REPLICATION_CONFIG, 'kspec.producer.send': 'fire-and-forget' },
    expectedRules: ['RP-18'],
  },
  {
    setting: 'power loss on every ISR member before a flush (kspec.faults.power-loss=3)',
    config: { ...SAFE_REPLICATION_CONFIG, 'kspec.faults.power-loss': 3 },
    expectedRules: ['RP-18', 'RP-19'],
  },
];

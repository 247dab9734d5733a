// Reads the replication model's settings by Kafka's names from the shared config table.
import {
  booleanSetting,
  type Config,
  enumSetting,
  intSetting,
  NEVER,
  settingByName,
  validateConfig,
} from '../../spec/config.ts';
import type { Acks, ReplicationSettings, Truncation } from './types.ts';

export interface ReplicationModelOptions {
  /** Settings by Kafka name (acks, min.insync.replicas, unclean.leader.election.enable, flush.messages, ...). */
  readonly config?: Config;
  /** Replicas of the partition; defaults to the replication.factor setting (3). */
  readonly replicas?: number;
  /** Produce attempts in a run (each writes one distinct value). */
  readonly writes?: number;
}

export const DEFAULT_WRITES = 2;

/**
 * segment.bytes and segment.ms at their defaults (1 GiB, 7 days): no run rolls a segment. Kafka's
 * roll flushes the old segment and moves the log's last flush time (LocalLog.markFlushed), which
 * the model, having no segments, cannot place; with a roll possible it claims no flush.ms flush.
 */
function rollsAtDefaults(config: Config): boolean {
  return (
    intSetting(config, 'segment.bytes') === settingByName('segment.bytes')?.default &&
    intSetting(config, 'segment.ms') === settingByName('segment.ms')?.default
  );
}

export function replicationSettings(options: ReplicationModelOptions = {}): ReplicationSettings {
  const config = validateConfig(options.config ?? {});
  const replicas = options.replicas ?? intSetting(config, 'replication.factor');
  const writes = options.writes ?? DEFAULT_WRITES;
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 5)
    throw new RangeError(`replicas must be 1..5, got ${replicas}`);
  if (!Number.isInteger(writes) || writes < 0 || writes > 6)
    throw new RangeError(`writes must be 0..6, got ${writes}`);
  return {
    replicas,
    writes,
    acks: enumSetting(config, 'acks') as Acks,
    minInsyncReplicas: intSetting(config, 'min.insync.replicas'),
    uncleanLeaderElection: booleanSetting(config, 'unclean.leader.election.enable'),
    truncation: enumSetting(config, 'kspec.replication.truncation') as Truncation,
    flushMessages: intSetting(config, 'flush.messages'),
    flushMs: rollsAtDefaults(config) ? intSetting(config, 'flush.ms') : NEVER,
    powerLossBudget: intSetting(config, 'kspec.faults.power-loss'),
    diskLossBudget: intSetting(config, 'kspec.faults.disk-loss'),
    send: enumSetting(config, 'kspec.producer.send') as ReplicationSettings['send'],
  };
}

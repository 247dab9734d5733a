// Time steps around the timeouts that matter: a little, the heartbeat interval, just under and just
// over the session timeout, the rebalance (join) timeout, replica.lag.time.max.ms, and one
// offsets retention check interval (offset expiration in the deep-history suites). With
// `heartbeats`, every synced consumer first heartbeats (the background thread of a live consumer).
import { intSetting } from '../../spec/config.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

export type TimeStep =
  | 'tick'
  | 'heartbeat'
  | 'under-session'
  | 'over-session'
  | 'rebalance'
  | 'over-lag'
  | 'offsets-check';

/**
 * Kafka's offsets.retention.check.interval.ms (600000, not a setting of the contract): one step
 * past it runs a retention check, which expires the offsets of an Empty group whose
 * offsets.retention.minutes have passed (OC-10).
 */
export const OFFSETS_RETENTION_CHECK_INTERVAL_MS = 600_000;

export function timeStepMs(k: Readonly<RunKnowledge>, step: TimeStep): number {
  switch (step) {
    case 'tick':
      return 100;
    case 'heartbeat':
      return intSetting(k.config, 'heartbeat.interval.ms');
    case 'under-session':
      return Math.max(1, intSetting(k.config, 'session.timeout.ms') - 1);
    case 'over-session':
      return intSetting(k.config, 'session.timeout.ms') + 1;
    case 'rebalance':
      return intSetting(k.config, 'max.poll.interval.ms');
    case 'over-lag':
      return intSetting(k.config, 'replica.lag.time.max.ms') + 1;
    case 'offsets-check':
      return OFFSETS_RETENTION_CHECK_INTERVAL_MS + 1;
  }
}

export class AdvanceTimeCommand extends RunCommand {
  readonly sends = ['advance-time'] as const;
  constructor(
    readonly step: TimeStep,
    readonly heartbeats: boolean,
  ) {
    super();
  }
  enabled(): boolean {
    return true;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    if (this.heartbeats && k.supported.has('heartbeat'))
      for (const c of [...k.clients.values()].filter((c) => c.synced && c.memberId !== ''))
        await run.step({
          type: 'heartbeat',
          client: c.name,
          group: c.group,
          generation: c.generation,
          member: 'own',
        });
    await run.step({ type: 'advance-time', ms: timeStepMs(k, this.step) });
  }
  toString(): string {
    return `advance-time(${this.step}${this.heartbeats ? ', heartbeats' : ''})`;
  }
}

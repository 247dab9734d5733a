// Members that commit instead of heartbeating while more than a session timeout passes: twice,
// every synced member commits (its current generation, its own id) and then just under the
// smallest of their session timeouts passes. Kafka reschedules a member's heartbeat deadline on
// a commit in Stable and PreparingRebalance (OC-8, GC-28), so the members must still be there;
// a coordinator that forgets to do so expires them. A consumer stuck in a long processing loop
// that still commits (commitSync per record) meets exactly this.
import { intSetting } from '../../spec/config.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { joinFields, RunCommand } from './command.ts';

/** Commit rounds; with time just under a session timeout after each, the rounds span more than one. */
export const COMMIT_ROUNDS = 2;

export class CommitThroughSessionCommand extends RunCommand {
  readonly sends = ['commit', 'advance-time'] as const;
  constructor(
    readonly partition: number,
    readonly offset: number,
  ) {
    super();
  }
  enabled(): boolean {
    return true;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    for (let round = 0; round < COMMIT_ROUNDS; round++) {
      const committers = [...k.clients.values()].filter((c) => c.synced && c.memberId !== '');
      // The smallest session of any member (each joined with its own, swarm runs draw them).
      const session = Math.min(
        intSetting(k.config, 'session.timeout.ms'),
        ...[...k.clients.values()]
          .filter((c) => c.memberId !== '')
          .map((c) => joinFields(k, c.name, [TOPIC]).sessionTimeoutMs),
      );
      const partitions = k.topics.get(TOPIC) ?? 1;
      for (const c of committers)
        await run.step({
          type: 'commit',
          client: c.name,
          group: c.group,
          generation: c.generation,
          member: 'own',
          offsets: [{ topic: TOPIC, partition: this.partition % partitions, offset: this.offset + round }],
        });
      await run.step({ type: 'advance-time', ms: Math.max(1, session - 1) });
    }
  }
  toString(): string {
    return `commit-through-session(${TOPIC}-${this.partition}@${this.offset})`;
  }
}

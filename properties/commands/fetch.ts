import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

/**
 * A partition by number (modulo the topic's count), one the last snapshot shows without a leader
 * (if any), or the first one past the topic's count (which no broker has: RP-22).
 */
export type PartitionChoice = number | 'offline' | 'unlisted';

/** A raw read of one partition from its leader (a reader outside any group). */
export class FetchCommand extends RunCommand {
  readonly sends = ['fetch'] as const;
  constructor(
    readonly partition: PartitionChoice,
    readonly offset: number,
  ) {
    super();
  }
  enabled(): boolean {
    return true;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    await run.step({
      type: 'fetch',
      client: 'reader',
      topic: TOPIC,
      partition: this.#partition(k),
      offset: this.offset,
      maxRecords: 20,
    });
  }
  #partition(k: RunKnowledge): number {
    const count = k.topics.get(TOPIC) ?? 1;
    if (this.partition === 'unlisted') return count;
    if (this.partition !== 'offline') return this.partition % count;
    const offline = k.lastState?.partitions.find((p) => p.topic === TOPIC && p.leader === null);
    return offline?.partition ?? 0;
  }
  toString(): string {
    return `fetch(${TOPIC}-${this.partition}@${this.offset})`;
  }
}

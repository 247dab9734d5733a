import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

/**
 * A consumer's ListOffsets of one partition (RP-24), as auto.offset.reset or seekToEnd sends it:
 * the answer is compared with the model's, so a leader just elected (HW behind its epoch start)
 * must say OFFSET_NOT_AVAILABLE where the rules do.
 */
export class ListOffsetsCommand extends RunCommand {
  readonly sends = ['list-offsets'] as const;
  constructor(
    readonly partition: number,
    readonly position: 'earliest' | 'latest',
    readonly isolation: 'read_uncommitted' | 'read_committed',
  ) {
    super();
  }
  enabled(): boolean {
    return true;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    await run.step({
      type: 'list-offsets',
      client: 'reader',
      topic: TOPIC,
      partition: this.partition % (k.topics.get(TOPIC) ?? 1),
      position: this.position,
      isolation: this.isolation,
    });
  }
  toString(): string {
    const isolation = this.isolation === 'read_committed' ? ' read_committed' : '';
    return `list-offsets(${TOPIC}-${this.partition} ${this.position}${isolation})`;
  }
}

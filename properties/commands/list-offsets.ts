import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

/**
 * Where a lookup by timestamp aims (LG-7): at a timestamp the run sent (picked by number) or just
 * below or above it, at 0, or past every timestamp sent.
 */
export type TimestampTarget = { readonly sent: number; readonly shift: -1 | 0 | 1 } | 'zero' | 'beyond';

function targetAt(target: TimestampTarget, sent: readonly number[]): number {
  if (target === 'zero') return 0;
  const last = sent[sent.length - 1] ?? 0;
  if (target === 'beyond') return last + 1;
  if (sent.length === 0) return 0;
  return Math.max(0, sent[target.sent % sent.length]! + target.shift);
}

/**
 * A consumer's ListOffsets of one partition (RP-24), as auto.offset.reset or seekToEnd sends it, or
 * offsetsForTimes by a timestamp (LG-7): the answer is compared with the model's, so a leader just
 * elected (HW behind its epoch start) must say OFFSET_NOT_AVAILABLE where the rules do.
 */
export class ListOffsetsCommand extends RunCommand {
  readonly sends = ['list-offsets'] as const;
  constructor(
    readonly partition: number,
    readonly position: 'earliest' | 'latest' | TimestampTarget,
    readonly isolation: 'read_uncommitted' | 'read_committed',
    /** The ListOffsets version the client asks (raised to the floor of the lookup); absent: the newest. */
    readonly version?: number,
  ) {
    super();
  }
  enabled(): boolean {
    return true;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    const { position } = this;
    await run.step({
      type: 'list-offsets',
      client: 'reader',
      topic: TOPIC,
      partition: this.partition % (k.topics.get(TOPIC) ?? 1),
      ...(position === 'earliest' || position === 'latest'
        ? { position }
        : { position: 'timestamp' as const, timestamp: targetAt(position, k.sentTimestamps) }),
      isolation: this.isolation,
      ...(this.version === undefined ? {} : { version: this.version }),
    });
  }
  toString(): string {
    const isolation = this.isolation === 'read_committed' ? ' read_committed' : '';
    const { position } = this;
    const where =
      typeof position === 'string' && position !== 'zero' && position !== 'beyond'
        ? position
        : typeof position === 'string'
          ? `timestamp ${position}`
          : `timestamp sent#${position.sent}${position.shift === 0 ? '' : position.shift > 0 ? '+1' : '-1'}`;
    const version = this.version === undefined ? '' : ` v${this.version}`;
    return `list-offsets(${TOPIC}-${this.partition} ${where}${isolation}${version})`;
  }
}

// A raw OffsetCommit: explicit generation (current, stale, missing, future), member id and offset.
// Exercises the validation order; the no-stale-generation-commit checker judges the answers.
import type { MemberRef } from '../../spec/common.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { clientName, type GenerationChoice, GROUP, generationFor, RunCommand } from './command.ts';

export class CommitCommand extends RunCommand {
  readonly sends = ['commit'] as const;
  constructor(
    readonly client: number,
    readonly generation: GenerationChoice,
    readonly member: MemberRef,
    readonly partition: number,
    readonly offset: number,
  ) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    return (this.generation === 'current' && this.member === 'own') || k.deliberatelyInvalid;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    const client = clientName(this.client);
    const partition = this.partition % (k.topics.get(TOPIC) ?? 1);
    await run.step({
      type: 'commit',
      client,
      group: GROUP,
      generation: generationFor(k, client, this.generation),
      member: this.member,
      offsets: [{ topic: TOPIC, partition, offset: this.offset }],
    });
  }
  toString(): string {
    return `commit(c${this.client}, ${this.generation}, ${this.member}, ${TOPIC}/${this.partition}@${this.offset})`;
  }
}

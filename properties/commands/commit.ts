// A raw OffsetCommit: explicit generation (current, stale, missing, future), member id, offset and
// metadata (none, empty, one byte, exactly offset.metadata.max.bytes or one over it, and exactly the
// limit in a two-byte UTF-8 character: OC-7 counts UTF-16 units, as Java's String.length). Exercises the
// validation order; the no-stale-generation-commit checker judges the answers.
import type { MemberRef } from '../../spec/common.ts';
import { intSetting } from '../../spec/config.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { clientName, type GenerationChoice, GROUP, generationFor, RunCommand } from './command.ts';

/** The commit metadata a request carries, by its length against offset.metadata.max.bytes. */
export type MetadataChoice = 'none' | 'empty' | 'short' | 'at-limit' | 'at-limit-two-byte' | 'over-limit';

export function metadataFor(k: Readonly<RunKnowledge>, choice: MetadataChoice): string | undefined {
  const limit = intSetting(k.config, 'offset.metadata.max.bytes');
  switch (choice) {
    case 'none':
      return undefined;
    case 'empty':
      return '';
    case 'short':
      return 'm';
    case 'at-limit':
      return 'm'.repeat(limit);
    case 'at-limit-two-byte':
      return 'é'.repeat(limit); // limit UTF-16 units, twice as many UTF-8 bytes: accepted
    case 'over-limit':
      return 'm'.repeat(limit + 1);
  }
}

export class CommitCommand extends RunCommand {
  readonly sends = ['commit'] as const;
  constructor(
    readonly client: number,
    readonly generation: GenerationChoice,
    readonly member: MemberRef,
    readonly partition: number,
    readonly offset: number,
    readonly metadata: MetadataChoice = 'none',
  ) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    return (this.generation === 'current' && this.member === 'own') || k.deliberatelyInvalid;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    const client = clientName(this.client);
    const partition = this.partition % (k.topics.get(TOPIC) ?? 1);
    const metadata = metadataFor(k, this.metadata);
    await run.step({
      type: 'commit',
      client,
      group: GROUP,
      generation: generationFor(k, client, this.generation),
      member: this.member,
      offsets: [
        { topic: TOPIC, partition, offset: this.offset, ...(metadata === undefined ? {} : { metadata }) },
      ],
    });
  }
  toString(): string {
    const metadata = this.metadata === 'none' ? '' : `, metadata ${this.metadata}`;
    return `commit(c${this.client}, ${this.generation}, ${this.member}, ${TOPIC}-${this.partition}@${this.offset}${metadata})`;
  }
}

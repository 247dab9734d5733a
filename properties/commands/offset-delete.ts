import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { clientName, GROUP, RunCommand } from './command.ts';

/** A topic the cluster never had: the request layer answers UNKNOWN_TOPIC_OR_PARTITION (OC-21). */
const MISSING_TOPIC = 'never-created';

/**
 * OffsetDelete of one partition of the run's topic (an index past its partitions is unknown), and
 * sometimes a partition of a topic that does not exist (kafka-consumer-groups --delete-offsets).
 */
export class OffsetDeleteCommand extends RunCommand {
  readonly sends = ['offset-delete'] as const;
  constructor(
    readonly client: number,
    readonly partition: number,
    readonly withMissingTopic: boolean,
  ) {
    super();
  }
  enabled(): boolean {
    return true;
  }
  async run(_k: RunKnowledge, run: LockstepRun): Promise<void> {
    await run.step({
      type: 'offset-delete',
      client: clientName(this.client),
      group: GROUP,
      topics: [
        { topic: TOPIC, partitions: [this.partition] },
        ...(this.withMissingTopic ? [{ topic: MISSING_TOPIC, partitions: [0] }] : []),
      ],
    });
  }
  toString(): string {
    return `offset-delete(c${this.client}, ${TOPIC}-${this.partition}${this.withMissingTopic ? ` + ${MISSING_TOPIC}-0` : ''})`;
  }
}

// An admin's DescribeConfigs of one topic (RP-27): the run's topic, an admin topic (created by
// createTopic with its config, or not yet: UNKNOWN_TOPIC_OR_PARTITION), __consumer_offsets, a topic
// never created, or "..", a name Kafka refuses (INVALID_TOPIC_EXCEPTION). __consumer_offsets only
// once a group or offsets request was performed: a real cluster's outlives its runs, so before the
// run's first FindCoordinator it may exist there though the run has not created it yet.
import { OFFSETS_TOPIC } from '../../spec/events.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

export const DESCRIBED_TOPICS = [
  'run-topic',
  'admin-topic',
  'offsets-topic',
  'unknown-topic',
  'invalid-name',
] as const;
export type DescribedTopicChoice = (typeof DESCRIBED_TOPICS)[number];

/** The topic each choice names: createTopic's admin-0 or admin-1 for an admin topic. */
const TOPICS: Readonly<Record<DescribedTopicChoice, (admin: number) => string>> = {
  'run-topic': () => TOPIC,
  'admin-topic': (admin) => `admin-${admin}`,
  'offsets-topic': () => OFFSETS_TOPIC,
  'unknown-topic': () => 'never-created',
  'invalid-name': () => '..',
};

export class DescribeConfigsCommand extends RunCommand {
  readonly sends = ['describe-configs'] as const;
  constructor(
    readonly target: DescribedTopicChoice,
    /** Which admin topic (createTopic's admin-0 or admin-1), for `admin-topic`. */
    readonly admin: number,
  ) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    return this.target !== 'offsets-topic' || k.coordinatorAsked;
  }
  get topic(): string {
    return TOPICS[this.target](this.admin);
  }
  async run(_k: RunKnowledge, run: LockstepRun): Promise<void> {
    await run.step({ type: 'describe-configs', topic: this.topic });
  }
  toString(): string {
    return `describe-configs(${this.topic})`;
  }
}

// An admin's CreateTopics of a second topic with a config (RP-1): valid topic settings, or one the
// controller must refuse INVALID_CONFIG (a setting no topic has, a broker-wide one, a value out of
// range). Nothing else in a run uses the topic; what is compared is the admin's answer, and a topic
// name already taken answers TOPIC_ALREADY_EXISTS. Some ask one partition past Kafka's limit on one
// request, refused POLICY_VIOLATION first (RP-1).
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

export type TopicConfigChoice = 'none' | 'valid' | 'unknown-setting' | 'broker-setting' | 'out-of-range';

const CONFIGS: Readonly<Record<TopicConfigChoice, Record<string, number>>> = {
  none: {},
  valid: { 'min.insync.replicas': 1 },
  'unknown-setting': { 'kspec.no.such.setting': 1 },
  'broker-setting': { 'num.partitions': 3 },
  'out-of-range': { 'min.insync.replicas': 0 },
};

export class CreateTopicCommand extends RunCommand {
  readonly sends = ['create-topic'] as const;
  constructor(
    /** Which admin topic (0 or 1): the second creation of a name answers TOPIC_ALREADY_EXISTS. */
    readonly name: number,
    readonly config: TopicConfigChoice,
    /** 1, or one past Kafka's limit on one request (refused POLICY_VIOLATION before anything else). */
    readonly partitions: 1 | 10_001 = 1,
  ) {
    super();
  }
  enabled(): boolean {
    return true;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    await run.step({
      type: 'create-topic',
      topic: `admin-${this.name}`,
      partitions: this.partitions,
      replicationFactor: Math.min(2, k.brokers.length),
      config: CONFIGS[this.config],
    });
  }
  toString(): string {
    const size = this.partitions === 1 ? '' : `, ${this.partitions} partitions`;
    return `create-topic(admin-${this.name}, ${this.config}${size})`;
  }
}

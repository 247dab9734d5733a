// The producer application sends new values to one partition with the profile's acks; a share of
// sends carries an invalid acks value (only for callback apps, which see the refusal).
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { producerName, RunCommand } from './command.ts';

export class ProduceCommand extends RunCommand {
  readonly sends = ['produce'] as const;
  constructor(
    readonly producer: number,
    readonly partition: number,
    readonly count: number,
    readonly invalidAcks: boolean,
  ) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    return (k.topics.get(TOPIC) ?? 0) > 0 && (!this.invalidAcks || (k.callback && k.deliberatelyInvalid));
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    const name = producerName(this.producer);
    const values = Array.from({ length: this.count }, () => k.newValue(name));
    const partition = this.partition % (k.topics.get(TOPIC) ?? 1);
    await run.step({
      type: 'produce',
      producer: name,
      topic: TOPIC,
      partition,
      values,
      acks: this.invalidAcks ? 2 : k.acks,
    });
  }
  toString(): string {
    return `produce(p${this.producer}, ${TOPIC}-${this.partition}, ${this.count}${this.invalidAcks ? ', acks=2' : ''})`;
  }
}

// The producer application sends new values to one partition with the profile's acks; a share of
// sends carries an invalid acks value (only for callback apps, which see the refusal). With
// enable.idempotence each send is one batch with the producer's id, epoch and next sequence; a
// share bumps the producer's epoch first, and (deliberately invalid, callback apps only) a share
// leaves a sequence gap or comes from the previous epoch (IP-3..IP-5). A malformed send (its own
// arbitrary, callback apps only) edits the batch before it goes (LG-1), and a damaged send (its own
// arbitrary, callback apps only) brings its own records section (record-damage.ts), judged by
// Kafka's record reader (spec/record-section.ts). A timed send (its own arbitrary) names each
// value's CreateTime (record-timestamps.ts).
import type { MalformedBatch } from '../../spec/malformed-batches.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { producerName, RunCommand } from './command.ts';
import { damagedSection, type RecordDamage } from './record-damage.ts';
import { type TimestampChoice, walkTimestamps } from './record-timestamps.ts';

/** What an idempotent send does to its sequence: nothing special, or one of the IP cases. */
export type SequenceCase = 'next' | 'new-epoch' | 'gap' | 'stale-epoch';

export class ProduceCommand extends RunCommand {
  readonly sends = ['produce'] as const;
  constructor(
    readonly producer: number,
    readonly partition: number,
    readonly count: number,
    readonly invalidAcks: boolean,
    readonly sequenceCase: SequenceCase = 'next',
    readonly variant: ProduceVariant = {},
  ) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    if ((k.topics.get(TOPIC) ?? 0) === 0) return false;
    if (this.variant.malformed || this.variant.damage) return k.callback && k.deliberatelyInvalid;
    if (this.invalidAcks && !(k.callback && k.deliberatelyInvalid)) return false;
    if (this.sequenceCase === 'next') return true;
    if (!k.idempotent) return false;
    if (this.sequenceCase === 'new-epoch') return true;
    if (!(k.callback && k.deliberatelyInvalid)) return false;
    return this.sequenceCase === 'gap' || k.idempotentProducers.epoch(producerName(this.producer)) > 0;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    const name = producerName(this.producer);
    const values = Array.from({ length: this.count }, () => k.newValue(name));
    const partition = this.partition % (k.topics.get(TOPIC) ?? 1);
    const key = `${TOPIC}-${partition}`;
    if (this.sequenceCase === 'new-epoch') k.idempotentProducers.bumpEpoch(name);
    const idempotence = !k.idempotent
      ? undefined
      : this.sequenceCase === 'gap' || this.sequenceCase === 'stale-epoch'
        ? k.idempotentProducers.invalidBatch(name, key, values.length, this.sequenceCase)
        : k.idempotentProducers.nextBatch(name, key, values.length);
    const { malformed, timestamps: choices, damage } = this.variant;
    const timestamps = choices
      ? walkTimestamps(choices, values.length, k.lastSentTimestamp ?? k.timeMs, k.timeMs)
      : damage
        ? values.map(() => k.timeMs) // what the client would stamp, named so the section can be judged
        : undefined;
    const records = damage ? damagedSection(damage, values, timestamps!) : undefined;
    await run.step({
      type: 'produce',
      producer: name,
      topic: TOPIC,
      partition,
      values,
      ...(timestamps ? { timestamps } : {}),
      acks: this.invalidAcks ? 2 : k.acks,
      ...(idempotence ? { idempotence } : {}),
      ...(malformed ? { malformed } : {}),
      ...(records !== undefined ? { records } : {}),
    });
  }
  toString(): string {
    const { malformed, timestamps, damage } = this.variant;
    const extra = [
      this.invalidAcks ? 'acks=2' : '',
      this.sequenceCase === 'next' ? '' : this.sequenceCase,
      malformed ?? '',
      timestamps ? `at ${timestamps.join('/')}` : '',
      damage ? damageText(damage) : '',
    ].filter((part) => part !== '');
    return `produce(p${this.producer}, ${TOPIC}-${this.partition}, ${[this.count, ...extra].join(', ')})`;
  }
}

/** What makes a send unusual: its batch malformed, its timestamps named, or its records section damaged. */
export interface ProduceVariant {
  /** The batch made malformed before it is sent (LG-1; callback apps only). */
  readonly malformed?: MalformedBatch;
  /** Each value's CreateTime (cycled over the values); absent, the client stamps the run's clock. */
  readonly timestamps?: readonly TimestampChoice[];
  /** Its records section damaged (LG-1; callback apps only). */
  readonly damage?: RecordDamage;
}

function damageText(damage: RecordDamage): string {
  if (damage.kind === 'edit') return `${damage.op} ${damage.byte} at ${damage.at}`;
  const { record, varints, key, headers, countLie, headerBytes, lengthLie } = damage;
  const signed = (n: number) => (n >= 0 ? `+${n}` : String(n));
  return `record ${record}: ${varints} varints, key ${key}, ${headers} headers counted ${signed(countLie)}, then [${headerBytes.join(' ')}], length ${signed(lengthLie)}`;
}

// What an idempotent producer application remembers (the Java producer's TransactionManager without
// transactions): its producer id and epoch, and per partition the next sequence to give a batch. A
// retry re-sends a batch with the sequence it was first given; a new epoch starts every partition
// at 0 again (SPEC.md IP-1..IP-5). Producer ids are handed out in order of first use from
// FIRST_PRODUCER_ID, as a broker's InitProducerId would hand out fresh ones.
export interface ProducerHeader {
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly baseSequence: number;
}

const FIRST_PRODUCER_ID = 1000;
/** Stale-epoch batches take sequences from here on, a step apart, so no two ever meet. */
const STALE_SEQUENCE_BASE = 1_000_000;
const STALE_SEQUENCE_STEP = 1000;

interface Session {
  readonly producerId: number;
  epoch: number;
  readonly nextSequence: Map<string, number>;
  staleBatches: number;
}

export class IdempotentProducers {
  readonly #sessions = new Map<string, Session>();

  #session(producer: string): Session {
    let session = this.#sessions.get(producer);
    if (!session) {
      session = {
        producerId: FIRST_PRODUCER_ID + this.#sessions.size,
        epoch: 0,
        nextSequence: new Map(),
        staleBatches: 0,
      };
      this.#sessions.set(producer, session);
    }
    return session;
  }

  epoch(producer: string): number {
    return this.#sessions.get(producer)?.epoch ?? 0;
  }

  /**
   * A batch the broker refused for good (a non-retriable error: a malformed batch, LG-1, or acks out
   * of range, both refused before the log takes the sequences) gives its sequences back when it
   * was the partition's last: the Java producer moves later sequences down over a failed batch
   * (TransactionManager.adjustSequencesDueToFailedBatch), so the next batch does not leave a gap.
   */
  giveBack(producer: string, partitionKey: string, header: ProducerHeader, count: number): void {
    const session = this.#sessions.get(producer);
    if (!session || session.epoch !== header.producerEpoch) return;
    if (session.nextSequence.get(partitionKey) === header.baseSequence + count)
      session.nextSequence.set(partitionKey, header.baseSequence);
  }

  /** The header of a new batch of `count` values: the partition's next sequences are its. */
  nextBatch(producer: string, partitionKey: string, count: number): ProducerHeader {
    const session = this.#session(producer);
    const baseSequence = session.nextSequence.get(partitionKey) ?? 0;
    session.nextSequence.set(partitionKey, baseSequence + count);
    return { producerId: session.producerId, producerEpoch: session.epoch, baseSequence };
  }

  /**
   * A deliberately invalid batch of `count` values. Its sequences are ones this producer never gave
   * another batch on the partition in that epoch, so the broker cannot take it for a retry of other
   * values (IP-2 matches by producer, epoch and sequence range, never by content): `gap` starts one
   * past the next sequence and takes its sequences (OUT_OF_ORDER_SEQUENCE_NUMBER from a broker that
   * knows the producer), `stale-epoch` comes from the previous epoch at a sequence far above any used
   * (INVALID_PRODUCER_EPOCH where the current epoch is known). A broker with no state for the
   * producer on the partition accepts either (IP-4).
   */
  invalidBatch(
    producer: string,
    partitionKey: string,
    count: number,
    kind: 'gap' | 'stale-epoch',
  ): ProducerHeader {
    const session = this.#session(producer);
    if (kind === 'stale-epoch') {
      session.staleBatches += 1;
      const baseSequence = STALE_SEQUENCE_BASE + session.staleBatches * STALE_SEQUENCE_STEP;
      return { producerId: session.producerId, producerEpoch: session.epoch - 1, baseSequence };
    }
    const baseSequence = (session.nextSequence.get(partitionKey) ?? 0) + 1;
    session.nextSequence.set(partitionKey, baseSequence + count);
    return { producerId: session.producerId, producerEpoch: session.epoch, baseSequence };
  }

  /**
   * The epoch goes up by one and every partition starts at sequence 0 again: the Java producer's
   * answer to OUT_OF_ORDER_SEQUENCE_NUMBER (KIP-360: TransactionManager bumps an idempotent
   * producer's epoch locally), and the new-epoch case of the produce command.
   */
  bumpEpoch(producer: string): void {
    const session = this.#session(producer);
    session.epoch += 1;
    session.nextSequence.clear();
  }
}

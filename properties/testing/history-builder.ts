// Hand-made histories for checker tests: a tiny fluent builder over HistoryRecorder.
import { type Config, resolveConfig } from '../../spec/config.ts';
import type { Event } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import type { SystemState } from '../../spec/state.ts';
import { type History, HistoryRecorder, type Phase } from '../history/history.ts';

export class HistoryBuilder {
  readonly recorder: HistoryRecorder;
  #phase: Phase = 'run';

  constructor(config: Config = {}) {
    this.recorder = new HistoryRecorder(resolveConfig(config));
  }

  get seq(): number {
    return this.recorder.nextSeq;
  }

  final(): this {
    this.#phase = 'final';
    return this;
  }

  step(event: Event, observations: (seq: number) => Observation[] = () => [], state?: SystemState): number {
    const seq = this.recorder.nextSeq;
    this.recorder.record(event, observations(seq), this.#phase, state);
    return seq;
  }

  /** A produce answered at once; `error` NONE appends at `baseOffset`. */
  produce(
    producer: string,
    values: string[],
    baseOffset: number,
    error = 'NONE',
    acks = -1,
    partition = 0,
  ): number {
    return this.step({ type: 'produce', producer, topic: 't', partition, values, acks }, (request) =>
      acks === 0
        ? []
        : [
            {
              type: 'produce-response',
              request,
              producer,
              topic: 't',
              partition,
              acks,
              error: error as 'NONE',
              baseOffset: error === 'NONE' ? baseOffset : -1,
              values,
            },
          ],
    );
  }

  /** A fetch of partition 0 of topic t returning `values` from `offset`. */
  fetch(client: string, offset: number, values: string[], partition = 0): number {
    return this.step({ type: 'fetch', client, topic: 't', partition, offset }, (request) => [
      {
        type: 'fetch-response',
        request,
        client,
        topic: 't',
        partition,
        error: 'NONE',
        highWatermark: offset + values.length,
        logStartOffset: 0,
        records: values.map((value, i) => ({ offset: offset + i, value })),
      },
    ]);
  }

  poll(client: string, group: string, offset: number, values: string[], partition = 0): number {
    return this.step({ type: 'poll', client, group }, (request) => [
      {
        type: 'poll-result',
        request,
        client,
        group,
        exception: null,
        records: values.map((value, i) => ({ topic: 't', partition, offset: offset + i, value })),
      },
    ]);
  }

  consumerCommit(
    client: string,
    group: string,
    generation: number,
    offset: number,
    error = 'NONE',
    partition = 0,
  ): number {
    return this.step({ type: 'consumer-commit', client, group, mode: 'sync' }, (request) => [
      {
        type: 'commit-response',
        request,
        client,
        group,
        source: 'consumer',
        generation,
        partitions: [{ topic: 't', partition, offset, error: error as 'NONE' }],
      },
    ]);
  }

  build(): History {
    return this.recorder.history();
  }
}

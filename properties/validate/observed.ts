// What a system answered, counted across a validation: `unsupported` answers by event and reason,
// and error codes by answer type. Not rule checks, but the first place a reader sees how a foreign
// implementation differs (an API it lacks, an error it prefers).
import type { Event } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import type { SystemUnderTest } from '../../spec/sut.ts';

export interface ObservedCounts {
  readonly unsupported: { event: string; reason: string; count: number }[];
  readonly errors: { answer: string; error: string; count: number }[];
}

export class ObservationCounter {
  private readonly unsupported = new Map<string, number>();
  private readonly errors = new Map<string, number>();

  count(observations: readonly Observation[]): void {
    for (const o of observations) {
      if (o.type === 'unsupported') {
        const key = `${o.event}\0${o.reason}`;
        this.unsupported.set(key, (this.unsupported.get(key) ?? 0) + 1);
        continue;
      }
      const errors =
        'error' in o
          ? [o.error]
          : o.type === 'commit-response'
            ? o.partitions.map((p) => p.error)
            : o.type === 'poll-result' && o.exception
              ? [o.exception]
              : [];
      for (const error of errors) {
        const key = `${o.type}\0${error}`;
        this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
      }
    }
  }

  /** Wraps a system so every answer it gives is counted. */
  wrap(system: SystemUnderTest): SystemUnderTest {
    const wrapped: SystemUnderTest = {
      capabilities: () => system.capabilities(),
      reset: (setup) => system.reset(setup),
      apply: async (event: Event, seq: number) => {
        const observations = await system.apply(event, seq);
        this.count(observations);
        return observations;
      },
      close: () => system.close(),
    };
    if (system.inspect) wrapped.inspect = () => system.inspect!();
    if (system.replicas) wrapped.replicas = () => system.replicas!();
    return wrapped;
  }

  toJSON(): ObservedCounts {
    const split = (map: Map<string, number>) =>
      [...map.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, count]) => [...key.split('\0'), count] as const);
    return {
      unsupported: split(this.unsupported).map(([event, reason, count]) => ({
        event: String(event),
        reason: String(reason),
        count: Number(count),
      })),
      errors: split(this.errors).map(([answer, error, count]) => ({
        answer: String(answer),
        error: String(error),
        count: Number(count),
      })),
    };
  }
}

// Swarm-style generation (Groce et al., "Swarm Testing", ISSTA 2012): each property run first draws
// a configuration of its own, then its commands. A run leaves some command kinds out (so the others
// go deeper), gives each consumer its own JoinGroup fields (protocol list and order, session and
// rebalance timeouts), and sets broker and topic settings from wide distributions that include the
// boundaries. The configuration is part of fast-check's generated value, so a failure replays from
// seed and path and shrinks towards the suite's plain configuration. The distributions are listed
// in properties/README.md ("Swarm generation"); swarm.test.ts shows each reaches its boundaries.
// What a drawn configuration is, and how a command reads it, is swarm-config.ts.
import fc from 'fast-check';
import type { Config } from '../../spec/config.ts';
import type { ArbitraryName } from '../commands/arbitraries.ts';
import type { Steering } from './steering.ts';
import {
  instanceIdOf,
  type MemberSettings,
  type RebalanceChoice,
  type SessionChoice,
  STRATEGIES,
  type Swarm,
} from './swarm-config.ts';

const INT_MAX = 2147483647;

/** One setting: left at the suite's value (`keep` parts in keep + 1), or one of its values, boundaries included. */
const setting = <T extends number>(values: fc.Arbitrary<T>, keep = 2): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: keep, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: values });

/**
 * Broker and topic settings both the model and the reference honour, each from a range that
 * includes its boundaries. Left out on purpose: retention.ms and retention.bytes (the model keeps
 * every record: model/data-plane/client-fetch.ts) and segment.bytes: the model has no segments,
 * while the reference (like Kafka) answers a follower's fetch from one segment only, so a log that
 * rolled takes the followers more fetches than the model predicts (and a batch above segment.bytes
 * is refused RECORD_LIST_TOO_LARGE). Swarm runs found both; segment.bytes waits for the model.
 */
export function configArbitrary(steering?: Steering): fc.Arbitrary<Config> {
  const boosted = (knob: Parameters<Steering['boost']>[0]) => (steering?.boost(knob) ? 1 : 3);
  return fc
    .record({
      partitions: setting(fc.integer({ min: 1, max: 6 })),
      'replication.factor': setting(fc.constantFrom(2, 3)),
      'index.interval.bytes': setting(
        fc.oneof(fc.constantFrom(0, 1, 4096), fc.integer({ min: 0, max: 8192 })),
      ),
      'kspec.consumer.list-offsets.version': setting(fc.constantFrom(0, 1, 4)),
      // Half the runs: Produce v9 (no leader hints) or, twice as often, v10 (the first with them,
      // RP-28); else v12.
      'kspec.producer.version': setting(fc.constantFrom(9, 10, 10), 1),
      // RP-17's log flusher, drawn as one: flush.ms acts only where the flusher runs (Kafka's
      // default: never), and a run must outlast its initial delay to see it.
      flusher: fc.oneof(
        { weight: 1, arbitrary: fc.constant(undefined) },
        {
          weight: 1,
          // flush.ms 0, 5000, or the period itself: then each run of the flusher finds the log last
          // flushed exactly flush.ms ago, the boundary of `now - lastFlushTime >= flushMs`.
          arbitrary: fc
            .record({
              flushMs: fc.constantFrom<number | 'period'>(0, 'period', 'period', 5000),
              'log.flush.scheduler.interval.ms': fc.constantFrom(100, 1000, 3000),
              'log.initial.task.delay.ms': fc.constantFrom(0, 0, 1000, 30000),
            })
            .map(({ flushMs, ...flusher }) => ({
              'flush.ms': flushMs === 'period' ? flusher['log.flush.scheduler.interval.ms'] : flushMs,
              ...flusher,
            })),
        },
      ),
      'flush.messages': setting(fc.oneof(fc.constantFrom(1, INT_MAX), fc.integer({ min: 1, max: 10 }))),
      'offsets.retention.minutes': setting(fc.constantFrom(1, 2, 10080)),
      'group.max.size': fc
        .integer()
        .chain(() => setting(fc.oneof(fc.constantFrom(1, 2, 3, INT_MAX)), boosted('group-max-size'))),
      'offset.metadata.max.bytes': fc
        .integer()
        .chain(() => setting(fc.constantFrom(0, 1, 16, 4096), boosted('metadata'))),
    })
    .map(
      ({ flusher, ...record }): Config => ({
        ...(Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Record<
          string,
          number
        >),
        ...flusher,
      }),
    );
}

export function memberArbitrary(steering?: Steering): fc.Arbitrary<MemberSettings> {
  return fc.integer().chain(() => {
    const badSession = steering?.boost('session-timeout') ? 2 : 1;
    const defaultProtocols = steering?.boost('protocols') ? 1 : 2;
    return fc
      .record({
        session: fc.oneof(
          { weight: 6, arbitrary: fc.constant('config' as SessionChoice) },
          { weight: 2, arbitrary: fc.constantFrom<SessionChoice>('min', 'max') },
          { weight: badSession, arbitrary: fc.constantFrom<SessionChoice>('below-min', 'above-max') },
          { weight: 2, arbitrary: fc.integer({ min: 6000, max: 60000 }) as fc.Arbitrary<SessionChoice> },
        ),
        rebalance: fc.oneof(
          { weight: 6, arbitrary: fc.constant('config' as RebalanceChoice) },
          { weight: 1, arbitrary: fc.constant(1 as RebalanceChoice) },
          { weight: 2, arbitrary: fc.integer({ min: 1, max: 600000 }) as fc.Arbitrary<RebalanceChoice> },
        ),
        protocols: fc.oneof(
          { weight: defaultProtocols, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.shuffledSubarray([...STRATEGIES], { minLength: 1 }) },
        ),
        instance: fc.oneof(
          { weight: 4, arbitrary: fc.constant(undefined) },
          { weight: 2, arbitrary: fc.constant('own' as const) },
          { weight: 1, arbitrary: fc.constant('shared' as const) },
        ),
        joinVersion: fc.oneof(
          { weight: 2, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.constant(9 as const) },
        ),
        commitVersion: fc.oneof(
          { weight: 4, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.constantFrom(2 as const, 8 as const) },
        ),
        leaveVersion: fc.oneof(
          { weight: 4, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.constantFrom(0 as const, 2 as const) },
        ),
      })
      .map(({ session, rebalance, protocols, instance, joinVersion, commitVersion, leaveVersion }) => ({
        session,
        rebalance,
        ...(protocols ? { protocols } : {}),
        ...(instance ? { instance } : {}),
        ...(joinVersion ? { joinVersion } : {}),
        ...(commitVersion ? { commitVersion } : {}),
        ...(leaveVersion !== undefined ? { leaveVersion } : {}),
      }));
  });
}

/** Which command kinds a run leaves out: each with probability 1/4, never all of them. */
export function omitArbitrary(kinds: readonly ArbitraryName[]): fc.Arbitrary<ArbitraryName[]> {
  return fc.array(fc.nat({ max: 3 }), { minLength: kinds.length, maxLength: kinds.length }).map((rolls) => {
    const omit = kinds.filter((_, index) => rolls[index] === 0);
    return omit.length === kinds.length ? [] : omit;
  });
}

export function swarmArbitrary(
  kinds: readonly ArbitraryName[],
  members: number,
  steering?: Steering,
): fc.Arbitrary<Swarm> {
  return fc.record({
    omit: omitArbitrary(kinds),
    config: configArbitrary(steering),
    members: fc.array(memberArbitrary(steering), { minLength: members, maxLength: members }),
  });
}

/** Short text for a counterexample: only what differs from the suite's plain configuration. */
export function describeSwarm(swarm: Swarm): string {
  const parts: string[] = [];
  if (swarm.omit.length > 0) parts.push(`omit ${swarm.omit.join(' ')}`);
  for (const [name, value] of Object.entries(swarm.config)) parts.push(`${name}=${value}`);
  swarm.members.forEach((member, index) => {
    const fields = [
      member.session === 'config' ? '' : `session=${member.session}`,
      member.rebalance === 'config' ? '' : `rebalance=${member.rebalance}`,
      member.protocols ? `protocols=${member.protocols.join('/')}` : '',
      member.instance ? `instance=${instanceIdOf(member, index)}` : '',
      member.joinVersion ? `join=v${member.joinVersion}` : '',
      member.commitVersion ? `commit=v${member.commitVersion}` : '',
      member.leaveVersion !== undefined ? `leave=v${member.leaveVersion}` : '',
    ].filter((field) => field !== '');
    if (fields.length > 0) parts.push(`c${index}{${fields.join(' ')}}`);
  });
  return `swarm(${parts.join(', ')})`;
}

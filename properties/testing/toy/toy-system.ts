// A small deterministic stand-in for the reference cluster, implementing the whole SystemUnderTest
// contract in memory (network partitions excepted): used by the checker's own tests, with optional
// deliberate faults (faults.ts). Not a Kafka implementation to rely on.
import { booleanSetting, type Config, enumSetting, intSetting } from '../../../spec/config.ts';
import { EVENT_TYPES, type Event } from '../../../spec/events.ts';
import type { Observation } from '../../../spec/observations.ts';
import type { SystemState } from '../../../spec/state.ts';
import type { Capabilities, Setup, SystemUnderTest } from '../../../spec/sut.ts';
import { CONTRACT_VERSION } from '../../../spec/version.ts';
import type { ToyFaults } from './faults.ts';
import { ToyCoordinator } from './groups.ts';
import { ToyReplication } from './replication.ts';

interface ConsumerClient {
  memberId: string;
  generation: number;
  assignment: string[];
  positions: Map<string, number>;
  lastAutoCommitMs: number;
}

export class ToySystem implements SystemUnderTest {
  #config: Config = {};
  #nowMs = 0;
  #replication!: ToyReplication;
  #coordinator!: ToyCoordinator;
  #topics = new Map<string, number>();
  #clients = new Map<string, ConsumerClient>();

  constructor(readonly faults: ToyFaults = {}) {}

  async capabilities(): Promise<Capabilities> {
    return {
      contractVersion: CONTRACT_VERSION,
      name: 'toy',
      events: EVENT_TYPES.filter((t) => t !== 'network-partition' && t !== 'network-heal'),
      inspect: true,
      deterministic: true,
    };
  }

  async reset(setup: Setup): Promise<void> {
    this.#config = setup.config;
    this.#nowMs = 0;
    this.#topics = new Map();
    this.#clients = new Map();
    this.#replication = new ToyReplication(
      intSetting(setup.config, 'brokers'),
      intSetting(setup.config, 'replica.lag.time.max.ms'),
      this.faults,
    );
    this.#coordinator = new ToyCoordinator(
      {
        minSessionMs: intSetting(setup.config, 'group.min.session.timeout.ms'),
        maxSessionMs: intSetting(setup.config, 'group.max.session.timeout.ms'),
      },
      this.faults,
      (topic) => this.#topics.get(topic) ?? 0,
    );
  }

  #client(name: string): ConsumerClient {
    let c = this.#clients.get(name);
    if (!c) {
      c = {
        memberId: '',
        generation: -1,
        assignment: [],
        positions: new Map(),
        lastAutoCommitMs: this.#nowMs,
      };
      this.#clients.set(name, c);
    }
    return c;
  }

  #memberId(client: string, ref: 'own' | 'none' | 'bogus'): string {
    return ref === 'own' ? this.#client(client).memberId : ref === 'bogus' ? 'bogus-member' : '';
  }

  /** Consumer clients learn their id, generation and assignment from their own answers. */
  #learn(observations: Observation[]): Observation[] {
    for (const o of observations) {
      if (o.type === 'join-response' && (o.error === 'NONE' || o.error === 'MEMBER_ID_REQUIRED')) {
        const c = this.#client(o.client);
        c.memberId = o.memberId;
        if (o.error === 'NONE') c.generation = o.generation;
      }
      if (o.type === 'sync-response' && o.error === 'NONE') {
        const c = this.#client(o.client);
        c.assignment = o.assignment.flatMap((tp) => tp.partitions.map((p) => `${tp.topic}/${p}`));
        for (const key of [...c.positions.keys()]) if (!c.assignment.includes(key)) c.positions.delete(key);
      }
    }
    return observations;
  }

  async apply(event: Event, seq: number): Promise<Observation[]> {
    const out = this.#learn(this.#dispatch(event, seq));
    if (
      event.type === 'replicate' ||
      event.type === 'advance-time' ||
      event.type === 'broker-failure' ||
      event.type === 'broker-restart'
    )
      out.push(...this.#replication.completeParked(this.#nowMs));
    return out;
  }

  #dispatch(event: Event, seq: number): Observation[] {
    const r = this.#replication;
    switch (event.type) {
      case 'create-topic':
        return [this.#createTopic(event.topic, event.partitions, event.replicationFactor, seq)];
      case 'partition-change':
        return [this.#growTopic(event.topic, event.partitions, seq, undefined, event.validateOnly)];
      case 'produce': {
        const answer = r.produce(
          seq,
          event.producer,
          `${event.topic}/${event.partition}`,
          event.values,
          event.acks,
          this.#nowMs,
          event.idempotence,
        );
        const late = r.completeParked(this.#nowMs);
        return answer ? [answer, ...late] : late;
      }
      case 'replicate':
        r.replicate(
          (p) =>
            (event.topic === undefined || p.topic === event.topic) &&
            (event.partition === undefined || p.partition === event.partition),
          this.#nowMs,
        );
        return [];
      case 'broker-failure':
        r.fail(event.broker, event.kind);
        return [];
      case 'broker-restart':
        r.restart(event.broker);
        return [];
      case 'flush':
        r.flush(event.broker);
        return [];
      case 'advance-time':
        this.#nowMs += event.ms;
        r.shrinkIsr(this.#nowMs);
        return this.#coordinator.tick(this.#nowMs);
      case 'fetch':
        return [
          this.#fetch(event.client, event.topic, event.partition, event.offset, event.maxRecords ?? 500, seq),
        ];
      case 'join':
        return this.#coordinator.join(event, seq, this.#memberId(event.client, event.member), this.#nowMs);
      case 'sync':
        return this.#coordinator.sync(event, seq, this.#memberId(event.client, event.member), this.#nowMs);
      case 'heartbeat':
        return [
          this.#coordinator.heartbeat(
            event.group,
            event.client,
            seq,
            this.#memberId(event.client, event.member),
            event.generation,
            this.#nowMs,
          ),
        ];
      case 'leave':
        return this.#coordinator.leave(
          event.group,
          event.client,
          seq,
          this.#memberId(event.client, event.member),
          this.#nowMs,
        );
      case 'commit':
        return [
          this.#commit(
            event.client,
            event.group,
            this.#memberId(event.client, event.member),
            event.generation,
            event.offsets.map((o) => [`${o.topic}/${o.partition}`, o.offset]),
            'request',
            seq,
          ),
        ];
      case 'consumer-commit': {
        const c = this.#client(event.client);
        return [
          this.#commit(
            event.client,
            event.group,
            c.memberId,
            c.generation,
            [...c.positions.entries()],
            'consumer',
            seq,
          ),
        ];
      }
      case 'offset-fetch':
        return [this.#offsetFetch(event.client, event.group, seq)];
      case 'describe-group':
        return [this.#describe(event.group, seq)];
      case 'poll':
        return this.#poll(event.client, event.group, event.maxRecords ?? 500, seq);
      case 'process':
        return [];
      case 'consumer-crash':
        this.#clients.delete(event.client);
        return [];
      default:
        return [
          {
            type: 'unsupported',
            request: seq,
            event: event.type,
            reason: 'the toy cluster has no network model',
          },
        ];
    }
  }

  #createTopic(topic: string, partitions: number, replicationFactor: number, seq: number): Observation {
    const answer = (error: 'NONE' | 'TOPIC_ALREADY_EXISTS' | 'INVALID_REPLICATION_FACTOR'): Observation => ({
      type: 'admin-response',
      request: seq,
      op: 'create-topic',
      topic,
      error,
    });
    if (this.#topics.has(topic)) return answer('TOPIC_ALREADY_EXISTS');
    if (replicationFactor > this.#replication.brokers.size) return answer('INVALID_REPLICATION_FACTOR');
    this.#topics.set(topic, 0);
    return this.#growTopic(topic, partitions, seq, replicationFactor) && answer('NONE');
  }

  #growTopic(
    topic: string,
    partitions: number,
    seq: number,
    replicationFactor?: number,
    validateOnly = false,
  ): Observation {
    const current = this.#topics.get(topic);
    const answer = (error: 'NONE' | 'INVALID_PARTITIONS' | 'UNKNOWN_TOPIC_OR_PARTITION'): Observation => ({
      type: 'admin-response',
      request: seq,
      op: 'partition-change',
      topic,
      error,
    });
    if (current === undefined) return answer('UNKNOWN_TOPIC_OR_PARTITION');
    if (partitions <= current) return answer('INVALID_PARTITIONS');
    if (validateOnly) return answer('NONE');
    const rf = replicationFactor ?? this.#replication.partitions.get(`${topic}/0`)?.replicas.length ?? 1;
    for (let p = current; p < partitions; p++)
      this.#replication.addPartition(
        topic,
        p,
        rf,
        intSetting(this.#config, 'min.insync.replicas'),
        booleanSetting(this.#config, 'unclean.leader.election.enable'),
        this.#nowMs,
      );
    this.#topics.set(topic, partitions);
    return answer('NONE');
  }

  #fetch(
    client: string,
    topic: string,
    partition: number,
    offset: number,
    max: number,
    seq: number,
  ): Observation {
    const p = this.#replication.partitions.get(`${topic}/${partition}`);
    const log = p && this.#replication.leaderLog(p);
    const base = {
      type: 'fetch-response' as const,
      request: seq,
      client,
      topic,
      partition,
      logStartOffset: 0,
    };
    if (!log)
      return {
        ...base,
        error: p ? 'NOT_LEADER_OR_FOLLOWER' : 'UNKNOWN_TOPIC_OR_PARTITION',
        highWatermark: -1,
        records: [],
      };
    if (offset > log.highWatermark || offset < 0)
      return { ...base, error: 'OFFSET_OUT_OF_RANGE', highWatermark: log.highWatermark, records: [] };
    const records = log.entries
      .slice(offset, Math.min(log.highWatermark, offset + max))
      .map((e, i) => ({ offset: offset + i, value: e.value }));
    return { ...base, error: 'NONE', highWatermark: log.highWatermark, records };
  }

  #commit(
    client: string,
    group: string,
    memberId: string,
    generation: number,
    offsets: [string, number][],
    source: 'request' | 'auto' | 'consumer',
    seq: number,
  ): Observation {
    const error = this.#coordinator.commitError(group, memberId, generation);
    if (error === 'NONE')
      for (const [key, offset] of offsets) this.#coordinator.group(group).committed.set(key, offset);
    const partitions = offsets.map(([key, offset]) => {
      const at = key.lastIndexOf('/');
      return { topic: key.slice(0, at), partition: Number(key.slice(at + 1)), offset, error };
    });
    return { type: 'commit-response', request: seq, client, group, source, generation, partitions };
  }

  #offsetFetch(client: string, group: string, seq: number): Observation {
    const committed = this.#coordinator.groups.get(group)?.committed ?? new Map<string, number>();
    const offsets = [...committed.entries()].map(([key, offset]) => {
      const at = key.lastIndexOf('/');
      return {
        topic: key.slice(0, at),
        partition: Number(key.slice(at + 1)),
        offset,
        metadata: '',
        error: 'NONE' as const,
      };
    });
    return {
      type: 'offset-fetch-response',
      request: seq,
      client,
      group,
      error: group === '' ? 'INVALID_GROUP_ID' : 'NONE',
      offsets,
    };
  }

  #describe(groupId: string, seq: number): Observation {
    const g = this.#coordinator.groups.get(groupId);
    if (!g)
      return {
        type: 'describe-response',
        request: seq,
        group: groupId,
        error: 'NONE',
        state: 'Dead',
        protocol: '',
        members: [],
      };
    const members = [...g.members.values()].map((m) => ({
      client: m.client,
      memberId: m.memberId,
      assignment: g.state === 'Stable' ? m.assignment : [],
    }));
    return {
      type: 'describe-response',
      request: seq,
      group: groupId,
      error: 'NONE',
      state: g.state,
      protocol: g.protocol ?? '',
      members,
    };
  }

  #poll(clientName: string, group: string, max: number, seq: number): Observation[] {
    const c = this.#client(clientName);
    const out: Observation[] = [];
    const interval = intSetting(this.#config, 'auto.commit.interval.ms');
    if (
      booleanSetting(this.#config, 'enable.auto.commit') &&
      c.positions.size > 0 &&
      this.#nowMs - c.lastAutoCommitMs >= interval
    ) {
      out.push(
        this.#commit(clientName, group, c.memberId, c.generation, [...c.positions.entries()], 'auto', seq),
      );
      c.lastAutoCommitMs = this.#nowMs;
    }
    const records: { topic: string; partition: number; offset: number; value: string }[] = [];
    let exception: string | null = null;
    for (const key of c.assignment) {
      const p = this.#replication.partitions.get(key);
      const log = p && this.#replication.leaderLog(p);
      if (!p || !log) continue;
      let position = c.positions.get(key) ?? this.#coordinator.groups.get(group)?.committed.get(key);
      if (position === undefined || position > log.highWatermark) {
        const reset = enumSetting(this.#config, 'auto.offset.reset');
        if (reset === 'none') {
          exception = 'NoOffsetForPartitionException';
          continue;
        }
        position = reset === 'earliest' ? 0 : log.highWatermark;
      }
      const end = Math.min(log.highWatermark, position + Math.max(0, max - records.length));
      for (let o = position; o < end; o++)
        records.push({ topic: p.topic, partition: p.partition, offset: o, value: log.entries[o]!.value });
      c.positions.set(key, end);
    }
    out.push({ type: 'poll-result', request: seq, client: clientName, group, exception, records });
    return out;
  }

  async inspect(): Promise<SystemState> {
    const r = this.#replication;
    return {
      timeMs: this.#nowMs,
      brokers: [...r.brokers.entries()].map(([id, b]) => ({ id, alive: b.alive })),
      groups: [...this.#coordinator.groups.values()].map((g) => ({
        group: g.id,
        state: g.state,
        generation: g.generation,
        protocol: g.protocol,
        leader: g.members.get(g.leader ?? '')?.client ?? null,
        members: [...g.members.values()].map((m) => ({
          client: m.client,
          syncedGeneration: m.syncedGeneration,
          assignment: m.assignment,
        })),
        committed: [...g.committed.entries()].map(([key, offset]) => ({
          topic: key.slice(0, key.lastIndexOf('/')),
          partition: Number(key.slice(key.lastIndexOf('/') + 1)),
          offset,
        })),
      })),
      partitions: [...r.partitions.values()].map((p) => {
        const key = `${p.topic}/${p.partition}`;
        const leaderLog = r.leaderLog(p);
        return {
          topic: p.topic,
          partition: p.partition,
          replicas: p.replicas,
          leader: leaderLog ? p.leader : null,
          leaderEpoch: p.epoch,
          isr: p.isr,
          highWatermark: leaderLog ? leaderLog.highWatermark : -1,
          replicaStates: p.replicas.map((b) => {
            const log = r.logOf(b, key);
            return {
              broker: b,
              alive: r.brokers.get(b)!.alive,
              logEndOffset: log.entries.length,
              highWatermark: log.highWatermark,
              lastEpoch: log.entries.at(-1)?.epoch ?? -1,
            };
          }),
        };
      }),
    };
  }

  async close(): Promise<void> {}
}

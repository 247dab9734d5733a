// The state of one kafka: adapter run: the target's connections, the run's name prefix (a real
// cluster cannot be reset, so every run gets fresh topic and group names, mapped back in answers),
// topics and partition leaders, clients, member ids issued to clients, and the outbox of answers
// (late ones included: a parked JoinGroup answers during a later event).
import type { Config } from '../../../spec/config.ts';
import { booleanSetting, enumSetting, intSetting } from '../../../spec/config.ts';
import { type ErrorName, errorByCode } from '../../../spec/errors.ts';
import type { Observation } from '../../../spec/observations.ts';
import { type KafkaClientState, newClient } from './client-state.ts';
import type { Address, KafkaTarget } from './target.ts';

export class KafkaContext {
  readonly outbox: Observation[] = [];
  readonly clients = new Map<string, KafkaClientState>();
  /** Member id -> client name, for member ids the target issued to our clients. */
  readonly issued = new Map<string, string>();
  /** Partition counts of the run's topics (contract names). */
  readonly topics = new Map<string, number>();
  private readonly leaders = new Map<string, number>();
  private readonly coordinators = new Map<string, Address>();
  /** The run's clock: the sum of advance-time events (drives auto commit), not the wall clock. */
  nowMs = 0;

  constructor(
    readonly target: KafkaTarget,
    readonly prefix: string,
    readonly config: Config,
  ) {}

  get autoOffsetReset(): string {
    return enumSetting(this.config, 'auto.offset.reset');
  }
  get enableAutoCommit(): boolean {
    return booleanSetting(this.config, 'enable.auto.commit');
  }
  get autoCommitIntervalMs(): number {
    return intSetting(this.config, 'auto.commit.interval.ms');
  }

  real(name: string): string {
    return `${this.prefix}${name}`;
  }
  contractName(name: string): string {
    return name.startsWith(this.prefix) ? name.slice(this.prefix.length) : name;
  }

  client(name: string): KafkaClientState {
    let client = this.clients.get(name);
    if (!client) {
      client = newClient(name);
      this.clients.set(name, client);
    }
    return client;
  }

  emit(observation: Observation): void {
    this.outbox.push(observation);
  }

  drain(): Observation[] {
    return this.outbox.splice(0);
  }

  /** Any broker: the bootstrap list in order, then the brokers Metadata named. */
  anyBroker(): Address {
    return this.target.bootstrap[0]!;
  }

  async refreshMetadata(topics: readonly string[] | null): Promise<{ controllerId: number }> {
    const answer = (await this.target.request(this.anyBroker(), 'admin', 'Metadata', 4, {
      topics: topics === null ? null : topics.map((name) => ({ name: this.real(name) })),
      allowAutoTopicCreation: false,
    })) as {
      brokers: { nodeId: number; host: string; port: number }[];
      controllerId: number;
      topics: {
        name: string;
        errorCode: number;
        partitions: { partitionIndex: number; leaderId: number; errorCode: number }[];
      }[];
    };
    for (const broker of answer.brokers)
      this.target.nodes.set(broker.nodeId, { host: broker.host, port: broker.port });
    for (const topic of answer.topics)
      for (const partition of topic.partitions)
        this.leaders.set(`${this.contractName(topic.name)}/${partition.partitionIndex}`, partition.leaderId);
    return { controllerId: answer.controllerId ?? -1 };
  }

  /** The leader's address from cached metadata (refreshed when unknown or when `refresh`). */
  async leader(topic: string, partition: number, refresh = false): Promise<Address | undefined> {
    const key = `${topic}/${partition}`;
    if (refresh || !this.leaders.has(key)) await this.refreshMetadata([topic]).catch(() => undefined);
    const id = this.leaders.get(key);
    return id === undefined || id < 0 ? undefined : this.target.nodes.get(id);
  }

  forgetLeaders(): void {
    this.leaders.clear();
  }

  async coordinator(group: string, refresh = false): Promise<Address | ErrorName> {
    if (!refresh) {
      const known = this.coordinators.get(group);
      if (known) return known;
    }
    const answer = (await this.target.request(this.anyBroker(), 'admin', 'FindCoordinator', 2, {
      key: this.real(group),
      keyType: 0,
    })) as { errorCode: number; host: string; port: number };
    if (answer.errorCode !== 0) return errorName(answer.errorCode);
    const address = { host: answer.host, port: answer.port };
    this.coordinators.set(group, address);
    return address;
  }

  forgetCoordinator(group: string): void {
    this.coordinators.delete(group);
  }
}

export function errorName(code: number): ErrorName {
  return (errorByCode(code)?.name ?? 'UNKNOWN_SERVER_ERROR') as ErrorName;
}

/** Errors after which a client looks its coordinator up again. */
export const COORDINATOR_MOVED: readonly ErrorName[] = ['NOT_COORDINATOR', 'COORDINATOR_NOT_AVAILABLE'];

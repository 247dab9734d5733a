// `--adapter kafka-lockstep:HOST:PORT[,...]`: the deterministic group lockstep over the wire (issue 19
// part 3). The kafka: adapter's real-time mode is judged by the history checkers alone; this mode
// offers only the events whose answers a live cluster gives independently of its clock (group and
// commit requests, no time steps), paces them so that request order is event order, and declares
// itself deterministic, so the lockstep runner compares every answer with the model as it does for
// Kafka's own coordinator in process (kafka-coordinator).
//
// Events offered: create-topic, join, sync, heartbeat, leave, commit, offset-fetch, describe-group,
// delete-groups, offset-delete, describe-configs (refused unless the cluster sets broker-wide the
// topic settings the run names, topic-settings.ts), and advance-time only to be refused (`unsupported`, applied to neither side) so that the composite
// rebalance command runs. Not offered: the data plane (produce, fetch, list-offsets, poll,
// consumer-commit: their answers hang on replication timing), faults, partitions, consumer crashes
// (a closed connection is the cluster's to notice, on its own clock).
//
// Settings: the cluster's own settings decide its answers, so at reset the broker's group settings
// are read with DescribeConfigs and a run whose settings differ (group.max.size,
// offset.metadata.max.bytes, session timeout bounds, offsets.retention.minutes), or a cluster with a
// non-zero group.initial.rebalance.delay.ms, gets every event answered `unsupported` with the reason.
// A JoinGroup whose session or rebalance timeout could expire during a run in real time (within the
// bounds but under LONG_TIMEOUT_MS) is `unsupported` too.
//
// Pacing (how the adapter knows the coordinator has taken a request; lockstep-pacing.ts): requests
// that are answered at once are taken when their answer arrives. A JoinGroup or SyncGroup that stays
// parked is taken when DescribeGroups shows its effect (a member added, the group leaving Stable or
// CompletingRebalance); and after every event, parked requests the group's described state says must
// now be answered (a join phase every member has reached, the zero initial-rebalance timer, a sync
// phase that ended) are waited for before the next event. Two parked cases leave no trace in
// DescribeGroups: a member rejoining a group already in PreparingRebalance, and a follower's SyncGroup
// in CompletingRebalance. The adapter gives them a short grace (GRACE_MS); their order against later
// requests changes no answer (lockstep-pacing.ts argues each case).
import type { Event } from '../../../spec/events.ts';
import type { Observation } from '../../../spec/observations.ts';
import type { Capabilities, Setup, SystemUnderTest } from '../../../spec/sut.ts';
import { CONTRACT_VERSION } from '../../../spec/version.ts';
import { applyClientEvent } from '../../client/apply-client-event.ts';
import { Clients, consumerSettings } from '../../client/clients.ts';
import { prefixedNames } from '../../client/run-names.ts';
import { type Address, KafkaTarget, UnsupportedApiError } from '../../client/wire/target.ts';
import { WireTransport } from '../../client/wire/wire-transport.ts';
import { LockstepPacer, settingsProblem } from './lockstep-pacing.ts';
import { clusterTopicSettings, describeConfigsProblem } from './topic-settings.ts';

export const LOCKSTEP_EVENTS: readonly Event['type'][] = [
  'create-topic',
  'join',
  'sync',
  'heartbeat',
  'leave',
  'commit',
  'offset-fetch',
  'describe-group',
  'delete-groups',
  'offset-delete',
  'describe-configs',
  // Offered so the composite rebalance command (join, then time if someone never re-joins, then
  // sync) runs; every advance-time is answered `unsupported`, so neither the cluster nor the model
  // applies it.
  'advance-time',
];

/** Session and rebalance timeouts a run cannot outlast in real time (a run takes seconds). */
export const LONG_TIMEOUT_MS = 60_000;

export interface KafkaLockstepOptions {
  readonly bootstrap: readonly Address[];
  readonly connectTimeoutMs?: number;
  /** Longest wait for an answer that must come (default 10 s). */
  readonly dueWaitMs?: number;
}

let runCounter = 0;

interface Run {
  readonly transport: WireTransport;
  readonly clients: Clients;
  readonly pacer: LockstepPacer;
  /** Why this run's settings cannot be compared on this cluster, if they cannot. */
  readonly problem: string | undefined;
  /** Why its DescribeConfigs answers cannot be (RP-27: the broker-wide topic settings differ). */
  readonly describeProblem: string | undefined;
}

export class KafkaLockstepSystem implements SystemUnderTest {
  private readonly target: KafkaTarget;
  private run: Run | undefined;
  private clusterSettings: ReadonlyMap<string, string> | undefined;
  private clusterTopicSettings: ReadonlyMap<string, string | null> | undefined;

  constructor(private readonly options: KafkaLockstepOptions) {
    // A parked JoinGroup waits for other members, never for the wall clock.
    this.target = new KafkaTarget(options.bootstrap, options.connectTimeoutMs ?? 5000, 3_600_000);
  }

  async capabilities(): Promise<Capabilities> {
    const where = this.options.bootstrap.map((a) => `${a.host}:${a.port}`).join(',');
    return {
      contractVersion: CONTRACT_VERSION,
      name: `Kafka-protocol cluster at ${where} (deterministic group lockstep)`,
      events: [...LOCKSTEP_EVENTS],
      inspect: false,
      deterministic: true,
    };
  }

  async reset(setup: Setup): Promise<void> {
    await this.run?.transport.settle(1000);
    await this.target.closeAll();
    runCounter += 1;
    const prefix = `kspec-ls-${setup.seed.toString(36)}-${Date.now().toString(36)}-${runCounter}-`;
    // Long timeouts and one request at a time per connection would let a request wait behind a
    // parked one; spread sends it on another connection of the same client, as the model assumes.
    const transport = new WireTransport(this.target, setup.config, undefined, true);
    const names = prefixedNames(prefix);
    const clients = new Clients(transport, consumerSettings(setup.config), names);
    if (!this.clusterSettings) {
      await LockstepPacer.coordinatorReady(this.target);
      this.clusterSettings = await LockstepPacer.brokerSettings(this.target);
      this.clusterTopicSettings = await clusterTopicSettings(this.target);
    }
    const pacer = new LockstepPacer(transport, clients, this.options.dueWaitMs ?? 10_000);
    const problem = settingsProblem(setup.config, this.clusterSettings);
    if (!problem) pacer.useBounds(setup.config);
    const describeProblem = describeConfigsProblem(setup.config, this.clusterTopicSettings ?? new Map());
    this.run = { transport, clients, pacer, problem, describeProblem };
  }

  async apply(event: Event, seq: number): Promise<Observation[]> {
    const run = this.run;
    if (!run) throw new Error('reset() must be called before apply()');
    const { clients, pacer } = run;
    const refuse = (reason: string) => {
      clients.emit({ type: 'unsupported', request: seq, event: event.type, reason });
      return clients.drain();
    };
    if (run.problem) return refuse(run.problem);
    if (!LOCKSTEP_EVENTS.includes(event.type))
      return refuse('not an event of the deterministic group lockstep');
    if (event.type === 'describe-configs' && run.describeProblem) return refuse(run.describeProblem);
    if (
      event.type === 'join' &&
      (event.sessionTimeoutMs < LONG_TIMEOUT_MS || event.rebalanceTimeoutMs < LONG_TIMEOUT_MS) &&
      pacer.timeoutsInBounds(event.sessionTimeoutMs)
    )
      return refuse(
        `a session or rebalance timeout under ${LONG_TIMEOUT_MS} ms could expire in real time during the run`,
      );
    try {
      const before = await pacer.before(event);
      if (!(await applyClientEvent(clients, event, seq))) return refuse('not a client event');
      await pacer.after(seq, before);
    } catch (error) {
      if (!(error instanceof UnsupportedApiError)) throw error;
      return refuse(error.message);
    }
    const reason = run.transport.takeUnsupported();
    if (reason) clients.emit({ type: 'unsupported', request: seq, event: event.type, reason });
    return pacer.drain();
  }

  async close(): Promise<void> {
    await this.run?.transport.settle(1000);
    await this.target.closeAll();
    this.run = undefined;
  }
}

// Whether the group model can keep answering for a run's groups after a fault. The group model is a
// coordinator that is always there; the real one lives on the leader of the group's
// __consumer_offsets partition (OC-11) and writes every commit and group record there with acks=all.
// A broker failure leaves its answers as they were when (1) the failed broker does not host the
// coordinator of any existing group, which the system's snapshot names (GroupSnapshot.coordinator),
// and (2) the offsets partition keeps at least min.insync.replicas in-sync replicas: with its
// replicas unknown, that holds while failures since the start number at most
// min(offsets.topic.replication.factor, brokers) - min.insync.replicas (a restarted broker may still
// be catching up, so restarts give nothing back). A network partition can cut clients off from the
// coordinator, and no snapshot says which: it always ends the group predictions. A broker that stops
// without a clean shutdown stays leader and ISR member of its offsets partitions until the
// controller fences it on session expiry (RP-25): until then a new group's coordinator may be down,
// and every coordinator write (acks=all to __consumer_offsets: a SyncGroup's assignment, a commit)
// waits for it, answers the group model gives at once. So a group request, or time passing while a
// group exists, inside that window ends the predictions too.

import { type Config, intSetting } from '../../spec/config.ts';
import type { Event } from '../../spec/events.ts';
import type { SystemState } from '../../spec/state.ts';
import { BROKER_SESSION_TIMEOUT_MS } from '../data-plane/data-plane-model.ts';

/** The controller's liveness check runs every second, so fencing may come up to a tick after expiry. */
const FENCING_SLACK_MS = 1_000;

export class CoordinatorWatch {
  private readonly coordinators = new Map<string, number>();
  private readonly down = new Set<number>();
  private failures = 0;
  private spareReplicas = 0;
  private nowMs = 0;
  /** Brokers stopped without a clean shutdown and maybe not fenced yet, by the time they stopped. */
  private readonly unfenced = new Map<number, number>();

  reset(config: Config): void {
    this.coordinators.clear();
    this.down.clear();
    this.failures = 0;
    this.nowMs = 0;
    this.unfenced.clear();
    const replicas = Math.min(
      intSetting(config, 'offsets.topic.replication.factor'),
      intSetting(config, 'brokers'),
    );
    this.spareReplicas = Math.max(0, replicas - intSetting(config, 'min.insync.replicas'));
  }

  /** The coordinators the system's snapshot names (adopted after each event). */
  observe(state: SystemState): void {
    this.coordinators.clear();
    for (const group of state.groups)
      if (group.coordinator !== undefined) this.coordinators.set(group.group, group.coordinator);
  }

  /**
   * GC-32: the groups whose coordinator resigns while still running at `event`. A clean shutdown
   * moves the broker's partitions away first (the controlled shutdown), so the coordinator unloads
   * them and answers what is parked there before the process stops. Undefined for any other event,
   * and when a group's coordinator is not known (the snapshot did not name it).
   */
  resigning(event: Event, groups: readonly string[]): readonly string[] | undefined {
    if (event.type !== 'broker-failure' || event.kind !== 'clean-shutdown' || this.down.has(event.broker))
      return undefined;
    if (groups.some((group) => !this.coordinators.has(group))) return undefined;
    return groups.filter((group) => this.coordinators.get(group) === event.broker);
  }

  /** Whether the group answers stay what the group model says after `event`, for the groups it has. */
  survives(event: Event, groups: readonly string[]): boolean {
    if (event.type === 'network-partition') return false;
    if (event.type === 'broker-restart') {
      this.down.delete(event.broker);
      return true;
    }
    if (event.type !== 'broker-failure' || this.down.has(event.broker)) return true;
    if (event.kind !== 'clean-shutdown') this.unfenced.set(event.broker, this.nowMs);
    this.down.add(event.broker);
    this.failures += 1;
    const hosts = groups.some((group) => {
      const coordinator = this.coordinators.get(group);
      return coordinator === undefined || coordinator === event.broker;
    });
    return !hosts && this.failures <= this.spareReplicas;
  }

  /** Time passes: brokers whose session has surely expired are fenced, their partitions moved. */
  advance(ms: number): void {
    this.nowMs += ms;
    for (const [broker, stoppedMs] of this.unfenced)
      if (this.nowMs - stoppedMs >= BROKER_SESSION_TIMEOUT_MS + FENCING_SLACK_MS)
        this.unfenced.delete(broker);
  }

  /** Whether a broker that stopped without a clean shutdown may still be unfenced (RP-25). */
  fencePending(): boolean {
    return this.unfenced.size > 0;
  }
}

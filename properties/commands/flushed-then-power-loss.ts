// RP-17 and RP-16 together, as one generated command: a write, replicated, then time just past the
// log flusher's next run on every broker, then
// a power loss of the replica the role names, its restart, and time until it has opened its logs.
// What the flusher fsynced must come back; drawn as separate commands the three met in about one
// run in 400 with the flusher set.
// With `again`, a second write follows the first flush and one more period passes before the power
// loss: the flusher then finds the log flushed exactly one period ago, which with flush.ms equal to
// the period is the boundary of `now - lastFlushTime >= flushMs`.
// Enabled only in runs whose swarm configuration turned the flusher on (Kafka's default: never).
import { intSetting, NEVER } from '../../spec/config.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { BrokerFailureCommand } from './broker-failure.ts';
import { RunCommand } from './command.ts';
import { ProduceCommand } from './produce.ts';

/**
 * Time until just after every running broker's log flusher has run once more: its runs come
 * log.initial.task.delay.ms after its process started, then every period. Brokers that started
 * together pass exactly one run, so a flush one period after the last lands on the `>=` boundary.
 */
export function pastNextFlusherRun(k: Readonly<RunKnowledge>): number | undefined {
  const interval = intSetting(k.config, 'log.flush.scheduler.interval.ms');
  if (interval >= NEVER || intSetting(k.config, 'flush.ms') >= NEVER) return undefined;
  const delay = intSetting(k.config, 'log.initial.task.delay.ms');
  const nextRun = (broker: number) => {
    const first = k.brokerStartedMs(broker) + delay;
    return k.timeMs < first ? first : first + (Math.floor((k.timeMs - first) / interval) + 1) * interval;
  };
  return Math.max(...k.liveBrokers().map(nextRun), k.timeMs) - k.timeMs + 1;
}

export class FlushedThenPowerLossCommand extends RunCommand {
  readonly sends = ['produce', 'replicate', 'advance-time', 'broker-failure', 'broker-restart'] as const;
  constructor(
    readonly producer: number,
    readonly partition: number,
    readonly target: 'leader' | 'follower',
    readonly again = false,
  ) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    return (
      pastNextFlusherRun(k) !== undefined &&
      !k.dataLossUnfenced() &&
      new ProduceCommand(this.producer, this.partition, 1, false).check(k)
    );
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    // Each write is replicated at once, so the followers hold it too (and fsync it by their own
    // flushers): whichever replica loses power then held it, and the leader's write is acknowledged.
    const write = new ProduceCommand(this.producer, this.partition, 1, false);
    await write.run(k, run);
    await run.step({ type: 'replicate' });
    await run.step({ type: 'advance-time', ms: pastNextFlusherRun(k)! });
    if (this.again) {
      await write.run(k, run);
      await run.step({ type: 'replicate' });
      await run.step({ type: 'advance-time', ms: pastNextFlusherRun(k)! });
    }
    const loss = new BrokerFailureCommand(this.target, 'power-loss');
    const up = k.liveBrokers();
    if (loss.check(k)) await loss.run(k, run);
    // Restarted at once, and time passes until it has opened its logs (RP-25), so what it
    // recovered meets what the flusher fsynced (RP-16) before a later fault can hide it.
    const lost = up.find((broker) => k.brokers[broker] !== 'up');
    if (lost === undefined) return;
    await run.step({ type: 'broker-restart', broker: lost });
    const wait = k.fenceWaitMs();
    if (wait > 0) await run.step({ type: 'advance-time', ms: wait });
  }
  toString(): string {
    const again = this.again ? ', written again' : '';
    return `flushed-then-power-loss(p${this.producer}, t-${this.partition}, ${this.target}${again})`;
  }
}

// A callback producer application re-sends a value whose send failed with a retriable error, while
// `retries` allows another attempt. Fire-and-forget applications never do. An idempotent producer
// re-sends the whole batch with the producer id, epoch and sequence it first had (IP-2), so a
// broker that wrote the first attempt answers the retry with the original offsets.
import { intSetting } from '../../spec/config.ts';
import type { PendingSend, RunKnowledge } from '../lockstep/knowledge.ts';
import { resend } from '../lockstep/resend.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

/** Whether a pending send may be re-sent now: not in flight, nor any value of its batch, and retries left. */
function retriable(k: Readonly<RunKnowledge>): (p: PendingSend) => boolean {
  const retries = intSetting(k.config, 'retries');
  return (p) =>
    !k.inFlight.has(p.value) &&
    p.attempts <= retries &&
    (!p.batch || p.batch.values.every((value) => !k.inFlight.has(value)));
}

function candidates(k: Readonly<RunKnowledge>): PendingSend[] {
  return [...k.pendingSends.values()].filter(retriable(k)).sort((a, b) => (a.value < b.value ? -1 : 1));
}

export class RetrySendCommand extends RunCommand {
  readonly sends = ['produce'] as const;
  constructor(readonly pick: number) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    if (!k.callback) return false;
    // Asked before every command is drawn: stop at the first candidate instead of listing them all.
    const ok = retriable(k);
    for (const pending of k.pendingSends.values()) if (ok(pending)) return true;
    return false;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    const list = candidates(k);
    await run.step(resend(list[this.pick % list.length]!, k.acks));
  }
  toString(): string {
    return `retry-send(#${this.pick})`;
  }
}

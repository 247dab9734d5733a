// A callback producer application re-sends a value whose send failed with a retriable error, while
// `retries` allows another attempt. Fire-and-forget applications never do. An idempotent producer
// re-sends the whole batch with the producer id, epoch and sequence it first had (IP-2), so a
// broker that wrote the first attempt answers the retry with the original offsets.
import { intSetting } from '../../spec/config.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import { resend } from '../lockstep/resend.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

function candidates(k: Readonly<RunKnowledge>) {
  const inFlight = new Set([...k.inFlight.values()].flat());
  const retries = intSetting(k.config, 'retries');
  return [...k.pendingSends.values()]
    .filter((p) => !inFlight.has(p.value) && p.attempts <= retries)
    .filter((p) => !p.batch || p.batch.values.every((value) => !inFlight.has(value)))
    .sort((a, b) => (a.value < b.value ? -1 : 1));
}

export class RetrySendCommand extends RunCommand {
  readonly sends = ['produce'] as const;
  constructor(readonly pick: number) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    return k.callback && candidates(k).length > 0;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    const list = candidates(k);
    await run.step(resend(list[this.pick % list.length]!, k.acks));
  }
  toString(): string {
    return `retry-send(#${this.pick})`;
  }
}

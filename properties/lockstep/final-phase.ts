// The final phase, after the generated events: heal the network, restart every broker (and let the
// controller fence the ones that stopped uncleanly, RP-25), let
// replication and parked answers settle, let the producer application re-send what it still owes
// (callback style, while `retries` allows), then read every partition back from offset 0. What is
// read here is the end-of-run log the no-loss checkers compare against. Every loop is bounded.
import { intSetting } from '../../spec/config.ts';
import type { Event } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import type { RunKnowledge } from './knowledge.ts';
import { resend } from './resend.ts';

/** What the final phase needs of the run that calls it (LockstepRun, run.ts). */
export interface FinalPhaseRun {
  readonly knowledge: RunKnowledge;
  systemSupports(type: Event['type']): boolean;
  step(event: Event): Promise<Observation[]>;
}

const RESEND_ROUNDS = 4;
const READ_BATCH = 1000;
const MAX_READS_PER_PARTITION = 50;
const REQUEST_TIMEOUT_MS = 30000;

async function settle(run: FinalPhaseRun): Promise<void> {
  if (run.systemSupports('replicate')) for (let i = 0; i < 3; i++) await run.step({ type: 'replicate' });
}

export async function finalPhase(run: FinalPhaseRun): Promise<void> {
  const k = run.knowledge;
  if (k.isolated && run.systemSupports('network-heal')) await run.step({ type: 'network-heal' });
  for (const broker of k.downBrokers())
    if (run.systemSupports('broker-restart')) await run.step({ type: 'broker-restart', broker });
  // A broker that stopped without a clean shutdown is fenced only when its session expires, and a
  // process restarted before that registers only then (RP-25): let that time pass first.
  const fenceWait = k.fenceWaitMs();
  if (fenceWait > 0 && run.systemSupports('advance-time'))
    await run.step({ type: 'advance-time', ms: fenceWait });
  await settle(run);
  if (k.inFlight.size > 0) {
    await run.step({ type: 'advance-time', ms: REQUEST_TIMEOUT_MS });
    await settle(run);
  }
  const retries = intSetting(k.config, 'retries');
  for (let round = 0; round < RESEND_ROUNDS && k.callback; round++) {
    const owed = [...k.pendingSends.values()].filter(
      (p) => p.attempts <= retries && !k.inFlight.has(p.value),
    );
    if (owed.length === 0) break;
    const resent = new Set<string>();
    for (const pending of owed) {
      if (resent.has(pending.value)) continue; // its idempotent batch went already
      const event = resend(pending, k.acks);
      for (const value of event.values) resent.add(value);
      await run.step(event);
    }
    await settle(run);
    if (k.inFlight.size > 0) {
      await run.step({ type: 'advance-time', ms: REQUEST_TIMEOUT_MS });
      await settle(run);
    }
  }
  // Consumers still running finish what they hold (a graceful end); only a crash loses handed-off records.
  if (run.systemSupports('process'))
    for (const client of [...k.clients.values()].filter((c) => c.unprocessed))
      await run.step({ type: 'process', client: client.name });
  await readEverything(run);
}

async function readEverything(run: FinalPhaseRun): Promise<void> {
  for (const [topic, partitions] of run.knowledge.topics) {
    if (!run.systemSupports('fetch')) return;
    for (let partition = 0; partition < partitions; partition++) {
      let offset = 0;
      for (let read = 0; read < MAX_READS_PER_PARTITION; read++) {
        const [answer] = (
          await run.step({
            type: 'fetch',
            client: 'checker',
            topic,
            partition,
            offset,
            maxRecords: READ_BATCH,
          })
        ).filter((o) => o.type === 'fetch-response');
        if (answer?.type !== 'fetch-response' || answer.error !== 'NONE' || answer.records.length === 0)
          break;
        offset = answer.records.at(-1)!.offset + 1;
        if (offset >= answer.highWatermark) break;
      }
    }
  }
}

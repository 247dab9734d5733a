// RP-17's time-driven fsync. Kafka's log flusher (LogManager's kafka-log-flusher task) first runs
// log.initial.task.delay.ms after a broker process starts, then every
// log.flush.scheduler.interval.ms (by default never), and flushes each of the broker's logs whose
// last flush is at least flush.ms old (flushDirtyLogs: `now - lastFlushTime >= flushMs`). A log's
// last flush time is when it was opened or last flushed with something to flush (LocalLog:
// markFlushed moves it only past the recovery point), whatever flushed it: flush.messages at an
// append, the OS writing back (the flush event), or the flusher itself. Only a power loss reads what
// is flushed, and it must keep at least that much (RP-16), so the model may claim less than a system
// flushes, never more.
import { flushReplica } from '../replication/state.ts';
import { allPartitions, type FlushMark, type World } from './world.ts';

export const openedAt = (flushed: number, atMs: number): FlushMark => ({ flushed, atMs });

/**
 * After an event: a replica whose flushed offset rose since its mark was flushed now (an append
 * reaching flush.messages, the flush event); one whose log was cut keeps its last flush time.
 */
export function noteFlushes(world: World): void {
  for (const p of allPartitions(world))
    for (let i = 0; i < p.brokers.length; i++) {
      const flushed = p.state.replicas[i]!.flushed;
      const mark = p.lastFlush[i]!;
      if (flushed !== mark.flushed)
        p.lastFlush[i] = { flushed, atMs: flushed > mark.flushed ? world.nowMs : mark.atMs };
    }
}

/** One run of broker `broker`'s log flusher at world.nowMs. */
export function runLogFlusher(world: World, broker: number): void {
  noteFlushes(world);
  for (const p of allPartitions(world)) {
    const index = p.brokers.indexOf(broker);
    if (index < 0 || !p.views[broker] || p.recovering[index]) continue;
    const replica = p.state.replicas[index]!;
    if (replica.flushed >= replica.log.length) continue;
    if (world.nowMs - p.lastFlush[index]!.atMs < p.settings.flushMs) continue;
    p.state = flushReplica(p.state, index);
    p.lastFlush[index] = { flushed: replica.log.length, atMs: world.nowMs };
  }
}

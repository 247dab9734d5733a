// The producer matrix suite's epilogue on a system without snapshots (a real cluster over the wire):
// if the run had no disk loss yet, every broker is restarted, the fences pass, replication settles,
// and the leader of the partition written last loses its disk, when RP-20 lets the safe profile
// claim to survive that (checked against the replicas the system reports). A real-time run is
// expensive, so a handful of runs must each carry the one disk loss the safe profile claims;
// in process (snapshots, thousands of runs) the generated failures give disk losses enough, and
// the epilogue does nothing there.
import type { LockstepRun } from '../lockstep/run.ts';

const NEEDED = ['broker-failure', 'broker-restart', 'replicate', 'advance-time'] as const;

export async function diskLossIfNoneYet(run: LockstepRun): Promise<void> {
  const k = run.knowledge;
  if (!k.replicasObservable || k.diskLosses > 0 || k.lastWritten === undefined) return;
  if (!NEEDED.every((type) => k.supported.has(type))) return;
  for (const broker of k.downBrokers()) await run.step({ type: 'broker-restart', broker });
  await run.outwaitFences();
  for (let round = 0; round < 2; round++) await run.step({ type: 'replicate' });
  const views = await run.replicaViews();
  const leader = views ? k.replicaOfLastWritten('leader', views) : undefined;
  if (leader === undefined || k.brokers[leader] !== 'up') return;
  if (!k.storageFaultAllowed(leader, 'disk-loss', views)) return;
  await run.step({ type: 'broker-failure', broker: leader, kind: 'disk-loss' });
}

// The effective minimum ISR (KIP-966 part 1, KAFKA-15583): min.insync.replicas capped at the
// partition's replica count, so a topic asking for more in-sync replicas than it has still accepts
// acks=all writes once every replica is in sync.
import type { ReplicationSettings } from './types.ts';

/** RP-9, RP-10, RP-11: Partition.effectiveMinIsr = min(min.insync.replicas, replica count). */
export function effectiveMinIsr(
  settings: Pick<ReplicationSettings, 'minInsyncReplicas' | 'replicas'>,
): number {
  return Math.min(settings.minInsyncReplicas, settings.replicas);
}

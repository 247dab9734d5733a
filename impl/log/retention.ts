// Which leading segments retention deletes (UnifiedLog.deleteOldSegments): those wholly below the
// log start offset, those whose newest record is older than retention.ms, and the oldest ones while
// the log exceeds retention.bytes. The active segment is never deleted here.
import type { LogConfig } from './config.ts';
import type { LogSegment } from './segment/log-segment.ts';
import type { RetentionResult } from './types.ts';

// LG-12: whole segments, oldest first, never the active one.
export function deletableSegments(
  segments: readonly LogSegment[],
  config: Readonly<LogConfig>,
  nowMs: number,
  logStartOffset: number,
): { count: number; reasons: RetentionResult['reason'] } {
  const reasons = new Set<RetentionResult['reason'][number]>();
  // A compact-only log is never shortened by time or size (Kafka: cleanup.policy=compact).
  const deletes = config['cleanup.policy'] !== 'compact';
  const retentionMs = deletes ? config['retention.ms'] : -1;
  const retentionBytes = deletes ? config['retention.bytes'] : -1;
  let remainingBytes = segments.reduce((total, segment) => total + segment.size, 0);
  let count = 0;
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i]!;
    const next = segments[i + 1]!;
    const belowStart = next.baseOffset <= logStartOffset;
    const newest = segment.maxTimestamp >= 0 ? segment.maxTimestamp : segment.createdMs;
    const expired = retentionMs >= 0 && nowMs - newest > retentionMs;
    const oversized = retentionBytes >= 0 && remainingBytes - segment.size >= retentionBytes;
    if (!belowStart && !expired && !oversized) break;
    if (belowStart) reasons.add('log-start-offset');
    else if (expired) reasons.add('retention.ms');
    else reasons.add('retention.bytes');
    remainingBytes -= segment.size;
    count++;
  }
  return { count, reasons: [...reasons] };
}

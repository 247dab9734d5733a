// How a leader append the producer state stopped is answered (UnifiedLog.append): a duplicate as
// the original append was, with its offsets and nothing written (IP-2); a refusal as the error the
// producer sees (IP-3..IP-5).
import type { LeaderAppendCheck } from './producer-state.ts';
import type { AppendResult, LogError } from './types.ts';

export function producerAppendAnswer(
  check: Exclude<LeaderAppendCheck, { kind: 'append' }>,
  log: { readonly logStartOffset: number; readonly logEndOffset: number },
): AppendResult | LogError {
  if (check.kind === 'refuse') return { error: check.error, message: check.message };
  return {
    baseOffset: check.firstOffset,
    lastOffset: check.lastOffset,
    maxTimestamp: -1,
    offsetOfMaxTimestamp: -1,
    batchCount: 0,
    recordCount: 0,
    bytes: 0,
    logStartOffset: log.logStartOffset,
    logEndOffset: log.logEndOffset,
    duplicate: true,
  };
}

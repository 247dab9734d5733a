// Opening a partition directory (LogLoader.scala): find the segments, trust those below the recovery
// point (after an index sanity check), validate every batch above it, cut a torn or corrupt tail,
// delete what follows a cut, and report all of it. Never throws on bad data in the files.
import { type FileSystem, joinPath } from './fs/file-system.ts';
import {
  CLEAN_SHUTDOWN_MARKER,
  LOG_START_OFFSET_CHECKPOINT,
  RECOVERY_POINT_CHECKPOINT,
  readOffsetCheckpoint,
} from './partition-files.ts';
import { LogSegment, type SegmentSettings } from './segment/log-segment.ts';
import { LOG_SUFFIX, parseSegmentFileName } from './segment/segment-names.ts';
import type { RecoveryReport } from './types.ts';

export interface LoadedLog {
  segments: LogSegment[];
  logStartOffset: number;
  report: RecoveryReport;
}

/** Removes leftovers: temp files and index files whose log file is gone. Returns the log base offsets. */
function segmentBaseOffsets(fs: FileSystem, directory: string): number[] {
  const names = fs.list(directory);
  const logs = new Set<number>();
  for (const name of names) {
    const parsed = parseSegmentFileName(name);
    if (parsed?.suffix === LOG_SUFFIX) logs.add(parsed.baseOffset);
  }
  for (const name of names) {
    const parsed = parseSegmentFileName(name);
    if (
      name.endsWith('.tmp') ||
      name.endsWith('.cleaned') ||
      (parsed && parsed.suffix !== LOG_SUFFIX && !logs.has(parsed.baseOffset))
    )
      fs.remove(joinPath(directory, name));
  }
  return [...logs].sort((a, b) => a - b);
}

// LG-8: validate above the recovery point, cut at the first invalid batch, drop what follows.
export function loadLog(
  fs: FileSystem,
  directory: string,
  nowMs: number,
  settings: SegmentSettings,
): LoadedLog {
  fs.mkdir(directory);
  const cleanShutdown = fs.exists(joinPath(directory, CLEAN_SHUTDOWN_MARKER));
  const report: RecoveryReport = {
    cleanShutdown,
    recoveryPoint: 0,
    segmentsRecovered: [],
    truncations: [],
    corruptions: [],
    segmentsDeleted: [],
    indexesRebuilt: [],
    logStartOffset: 0,
    logEndOffset: 0,
  };
  const checkpointed = readOffsetCheckpoint(fs, directory, RECOVERY_POINT_CHECKPOINT);
  if (typeof checkpointed === 'string')
    report.corruptions.push({ segment: '', position: 0, problem: 'checkpoint', detail: checkpointed });
  const recoveryPoint = typeof checkpointed === 'number' ? checkpointed : 0;
  report.recoveryPoint = recoveryPoint;
  const savedStart = readOffsetCheckpoint(fs, directory, LOG_START_OFFSET_CHECKPOINT);
  if (typeof savedStart === 'string')
    report.corruptions.push({ segment: '', position: 0, problem: 'checkpoint', detail: savedStart });

  const baseOffsets = segmentBaseOffsets(fs, directory);
  const segments: LogSegment[] = [];
  for (let i = 0; i < baseOffsets.length; i++) {
    const segment = LogSegment.open(fs, directory, baseOffsets[i]!, nowMs, settings);
    const nextBase = baseOffsets[i + 1];
    const previous = segments[segments.length - 1];
    if (previous && previous.nextOffset > segment.baseOffset) {
      report.corruptions.push({
        segment: segment.name,
        position: 0,
        problem: 'overlapping-segment',
        detail: `previous segment ends at offset ${previous.nextOffset}`,
      });
      deleteFrom(segment, baseOffsets.slice(i + 1), fs, directory, nowMs, settings, report);
      break;
    }
    const trusted = cleanShutdown || (nextBase !== undefined && nextBase <= recoveryPoint);
    const cut = trusted
      ? loadTrusted(segment, nextBase, report)
      : recoverSegment(segment, recoveryPoint, nextBase, report);
    segments.push(segment);
    if (cut) {
      deleteFrom(undefined, baseOffsets.slice(i + 1), fs, directory, nowMs, settings, report);
      break;
    }
  }
  const firstBase = segments[0]?.baseOffset ?? 0;
  const logStartOffset = Math.max(typeof savedStart === 'number' ? savedStart : 0, firstBase);
  if (segments.length === 0) {
    segments.push(LogSegment.open(fs, directory, logStartOffset, nowMs, settings));
  }
  const logEndOffset = segments[segments.length - 1]!.nextOffset;
  if (logStartOffset > logEndOffset) {
    // The checkpointed start is above what survived (records were deleted, then unflushed appends
    // lost): restart the log, empty, at the start offset rather than reuse offsets below it.
    for (const segment of segments) {
      report.segmentsDeleted.push(segment.name);
      segment.delete();
    }
    segments.length = 0;
    segments.push(LogSegment.open(fs, directory, logStartOffset, nowMs, settings));
    report.truncations.push({
      segment: segments[0]!.name,
      position: 0,
      bytesTruncated: 0,
      reason: `log start offset ${logStartOffset} is above the recovered log end offset ${logEndOffset}`,
    });
  }
  report.logEndOffset = segments[segments.length - 1]!.nextOffset;
  report.logStartOffset = logStartOffset;
  reportMissingData(
    segments,
    typeof savedStart === 'number' ? savedStart : 0,
    recoveryPoint,
    settings,
    report,
  );
  return { segments, logStartOffset, report };
}

/**
 * A segment below the recovery point: its batches are checked (read-only), then its indexes are
 * loaded, or rebuilt (validating) if inconsistent. A bad batch here is corruption a crash cannot
 * explain; the segment is then recovered like an unflushed one and the damage reported.
 */
function loadTrusted(segment: LogSegment, nextBase: number | undefined, report: RecoveryReport): boolean {
  let problem: string | undefined = segment.verify(nextBase);
  const dataDamaged = problem !== undefined;
  if (!problem) {
    try {
      problem = segment.loadValidated();
    } catch (error) {
      problem = (error as Error).message;
    }
  }
  if (!problem) return false;
  if (!dataDamaged) report.indexesRebuilt.push(segment.name);
  const recovery = segment.recover(nextBase);
  segment.flush(); // the rebuilt indexes (and any cut) are durable before the log is used
  if (!recovery.stop) return false;
  report.truncations.push({
    segment: segment.name,
    position: recovery.validBytes,
    bytesTruncated: recovery.truncatedBytes,
    reason: `${recovery.stop.problem}: ${recovery.stop.detail}`,
  });
  report.corruptions.push({
    segment: segment.name,
    position: recovery.stop.position,
    problem: recovery.stop.problem,
    detail: `below the recovery point: ${recovery.stop.detail}`,
  });
  return true;
}

/** A segment at or above the recovery point: validate every batch; true if it was cut. */
// LG-9: corruption a crash cannot explain is reported, never skipped.
function recoverSegment(
  segment: LogSegment,
  recoveryPoint: number,
  nextBase: number | undefined,
  report: RecoveryReport,
): boolean {
  report.segmentsRecovered.push(segment.name);
  const recovery = segment.recover(nextBase);
  segment.flush();
  if (!recovery.stop) return false;
  report.truncations.push({
    segment: segment.name,
    position: recovery.validBytes,
    bytesTruncated: recovery.truncatedBytes,
    reason: `${recovery.stop.problem}: ${recovery.stop.detail}`,
  });
  const lostFlushedData = segment.nextOffset < recoveryPoint;
  if (recovery.stop.validDataAfter || lostFlushedData) {
    report.corruptions.push({
      segment: segment.name,
      position: recovery.stop.position,
      problem: recovery.stop.problem,
      detail: recovery.stop.validDataAfter
        ? `corrupt batch followed by valid data: ${recovery.stop.detail}`
        : `corrupt batch below the recovery point ${recoveryPoint}: ${recovery.stop.detail}`,
    });
  }
  return true;
}

function deleteFrom(
  first: LogSegment | undefined,
  baseOffsets: number[],
  fs: FileSystem,
  directory: string,
  nowMs: number,
  settings: SegmentSettings,
  report: RecoveryReport,
): void {
  const doomed = first ? [first] : [];
  for (const baseOffset of baseOffsets)
    doomed.push(LogSegment.open(fs, directory, baseOffset, nowMs, settings));
  for (const segment of doomed) {
    report.segmentsDeleted.push(segment.name);
    segment.delete();
  }
}

/**
 * Offsets no segment holds any more, though the checkpoints say they were there: a segment file
 * deleted behind the log's back (or flushed data lost). Nothing can be cut or rebuilt; the loss is
 * reported (found by the file fuzzer: a deleted segment file used to vanish without a word).
 */
function reportMissingData(
  segments: readonly LogSegment[],
  savedStart: number,
  recoveryPoint: number,
  settings: SegmentSettings,
  report: RecoveryReport,
): void {
  const first = segments[0]!;
  if (first.baseOffset > savedStart)
    report.corruptions.push({
      segment: first.name,
      position: 0,
      problem: 'missing-data',
      detail: `the log started at ${savedStart}; the first segment starts at ${first.baseOffset}`,
    });
  // A compacted log leaves gaps of its own; only a log whose offsets are contiguous can tell.
  for (let i = 1; settings.contiguousOffsets && i < segments.length; i++) {
    const previous = segments[i - 1]!;
    const segment = segments[i]!;
    if (previous.nextOffset < segment.baseOffset)
      report.corruptions.push({
        segment: segment.name,
        position: 0,
        problem: 'offset-gap',
        detail: `offsets ${previous.nextOffset}..${segment.baseOffset - 1} are in no segment (a segment file was deleted)`,
      });
  }
  // Unless a cut already explains it (and was reported), flushed offsets missing from the end.
  if (
    report.logEndOffset < recoveryPoint &&
    report.truncations.length === 0 &&
    report.segmentsDeleted.length === 0
  )
    report.corruptions.push({
      segment: segments[segments.length - 1]!.name,
      position: 0,
      problem: 'missing-data',
      detail: `offsets below the recovery point ${recoveryPoint} were flushed; the log now ends at ${report.logEndOffset}`,
    });
}

// Segment file names: the base offset as 20 zero-padded digits plus a suffix, as Kafka names them
// (LogFileUtils.java), so `ls` and Kafka's tools read a kspec partition directory the same way.
import { joinPath } from '../fs/file-system.ts';

export const LOG_SUFFIX = '.log';
export const INDEX_SUFFIX = '.index';
export const TIME_INDEX_SUFFIX = '.timeindex';
/** Appended to the files of a segment awaiting deletion (removed as leftovers on open). */
export const DELETED_SUFFIX = '.deleted';

// LG-4: 20-digit zero-padded base offset.
export function segmentName(baseOffset: number): string {
  return String(baseOffset).padStart(20, '0');
}

export interface SegmentPaths {
  log: string;
  index: string;
  timeIndex: string;
}

export function segmentPaths(directory: string, baseOffset: number): SegmentPaths {
  const name = joinPath(directory, segmentName(baseOffset));
  return { log: name + LOG_SUFFIX, index: name + INDEX_SUFFIX, timeIndex: name + TIME_INDEX_SUFFIX };
}

/** The base offset a segment file name encodes, or undefined for other files. */
export function parseSegmentFileName(name: string): { baseOffset: number; suffix: string } | undefined {
  const match = /^(\d{20})(\.log|\.index|\.timeindex)$/.exec(name);
  if (!match) return undefined;
  return { baseOffset: Number(match[1]), suffix: match[2]! };
}

// `kspec log dump`: resolves paths (files, or partition directories meaning all their segment
// files), dumps each, and formats the result like kafka-dump-log.sh or as JSON.
import { type FileSystem, joinPath } from '../fs/file-system.ts';
import { parseSegmentFileName } from '../segment/segment-names.ts';
import { type DumpedBatch, type DumpOptions, dumpFile, type FileDump } from './dump-segment.ts';

export class DumpInputError extends Error {
  override name = 'DumpInputError';
}

export interface DumpReport {
  files: FileDump[];
  /** Total problems across files; a non-zero count makes the command exit 1. */
  errorCount: number;
}

/** Files to dump: a directory stands for its segment files; anything else must be a segment file. */
export function resolveDumpPaths(
  fs: FileSystem,
  paths: readonly string[],
  isDirectory: (path: string) => boolean,
): string[] {
  const files: string[] = [];
  for (const path of paths) {
    if (!fs.exists(path)) throw new DumpInputError(`${path}: no such file or directory`);
    if (isDirectory(path)) {
      const segments = fs.list(path).filter((name) => parseSegmentFileName(name));
      if (segments.length === 0)
        throw new DumpInputError(`${path}: no segment files (.log, .index, .timeindex) in this directory`);
      files.push(...segments.map((name) => joinPath(path, name)));
    } else {
      const name = path.slice(path.lastIndexOf('/') + 1);
      if (!parseSegmentFileName(name))
        throw new DumpInputError(
          `${path}: not a segment file (expected a 20-digit base offset with .log, .index or .timeindex)`,
        );
      files.push(path);
    }
  }
  return files;
}

export function dumpLog(fs: FileSystem, files: readonly string[], options: DumpOptions): DumpReport {
  const dumped = files.map((path) => {
    try {
      return dumpFile(fs, path, options)!;
    } catch (error) {
      return {
        path,
        kind: 'log',
        baseOffset: -1,
        fileSize: -1,
        errors: [`cannot read: ${(error as Error).message}`],
      } as FileDump;
    }
  });
  return { files: dumped, errorCount: dumped.reduce((total, file) => total + file.errors.length, 0) };
}

function formatBatch(batch: DumpedBatch): string {
  return (
    `baseOffset: ${batch.baseOffset} lastOffset: ${batch.lastOffset} count: ${batch.count} ` +
    `baseSequence: ${batch.baseSequence} producerId: ${batch.producerId} producerEpoch: ${batch.producerEpoch} ` +
    `partitionLeaderEpoch: ${batch.partitionLeaderEpoch} isTransactional: ${batch.isTransactional} ` +
    `isControl: ${batch.isControl} position: ${batch.position} ${batch.timestampType}: ${batch.maxTimestamp} ` +
    `size: ${batch.size} magic: ${batch.magic} compresscodec: ${batch.compression} crc: ${batch.crc} ` +
    `isvalid: ${batch.crcValid}`
  );
}

/**
 * The text report, close to kafka-dump-log.sh's layout so its readers feel at home. Records (when
 * dumped) are listed; their key and payload only with `printData` (--print-data-log).
 */
export function formatDump(
  report: DumpReport,
  options: { printData?: boolean } = { printData: true },
): string {
  const lines: string[] = [];
  for (const file of report.files) {
    lines.push(`Dumping ${file.path}`);
    if (file.kind === 'log' && file.batches) {
      lines.push(`Log starting offset: ${file.baseOffset}`);
      for (const batch of file.batches) {
        lines.push(formatBatch(batch));
        for (const record of batch.records ?? [])
          lines.push(
            `| offset: ${record.offset} ${batch.timestampType}: ${record.timestamp} keySize: ${record.keySize} ` +
              `valueSize: ${record.valueSize} headerKeys: [${record.headerKeys.join(',')}]` +
              (options.printData === false
                ? ''
                : ` key: ${record.key ?? 'null'} payload: ${record.value ?? 'null'}`),
          );
      }
      const records = file.batches.reduce((total, b) => total + b.count, 0);
      lines.push(`Summary: ${file.batches.length} batches, ${records} records, ${file.fileSize} bytes`);
    }
    for (const entry of file.entries ?? []) {
      const where =
        entry.position !== undefined ? `position: ${entry.position}` : `timestamp: ${entry.timestamp}`;
      lines.push(
        `offset: ${entry.offset} ${where}${entry.consistent ? '' : ` INCONSISTENT: ${entry.problem}`}`,
      );
    }
    if (file.entries)
      lines.push(
        `Summary: ${file.entries.length} entries, ${file.errors.length === 0 ? 'consistent with the log' : 'see errors'}`,
      );
    for (const error of file.errors) lines.push(`ERROR: ${error}`);
  }
  return `${lines.join('\n')}\n`;
}

// Fetch throughput, sendfile path vs copy path, in the same run: a broker serves a Fetch whose
// records are one file slice of 1 MiB or 16 MiB; a child process fetches it repeatedly over
// loopback. Reports throughput (ratio = sendfile / copy) and the broker process's CPU time per GB
// sent (process.cpuUsage, user + system, threadpool included; ratio = sendfile / copy).
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchFunction, type BenchResult, withRatio } from '../../bench/result.ts';
import { encodeRequestFrame } from '../protocol/frame.ts';
import { APIS } from '../protocol/registry.ts';
import { BrokerServer } from './broker-server.ts';
import type { FetchPathName } from './fetch-path.ts';
import { recordingLogger } from './logger.ts';
import { testHandler } from './testing/test-handler.ts';

const clientScript = fileURLToPath(new URL('./testing/fetch-load-client.ts', import.meta.url));
const MiB = 1 << 20;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

interface Measurement {
  bytesPerSecond: number;
  cpuMsPerGB: number;
}

function runClient(
  port: number,
  frame: Buffer,
  count: number,
): Promise<{ bytes: number; elapsedMs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import=tsx', clientScript, '127.0.0.1', String(port), frame.toString('hex'), String(count)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load client exited with ${code}`));
      resolve(JSON.parse(output) as { bytes: number; elapsedMs: number });
    });
  });
}

async function measure(
  fetchPath: FetchPathName,
  file: { path: string; fd: number },
  sliceBytes: number,
  count: number,
): Promise<Measurement> {
  const server = new BrokerServer({
    brokerId: 1,
    fetchPath,
    logger: recordingLogger(),
    handler: testHandler({
      fetch: async () => ({
        responses: [
          {
            topic: 'bench',
            partitions: [
              {
                partitionIndex: 0,
                errorCode: 0,
                highWatermark: 1,
                records: { path: file.path, fd: file.fd, position: 0, length: sliceBytes },
              },
            ],
          },
        ],
      }),
    }),
  });
  if (fetchPath === 'sendfile' && server.fetchPath.name !== 'sendfile') {
    throw new Error(`sendfile addon unavailable: ${server.fetchPath.fallbackReason}`);
  }
  const { port } = await server.start();
  const frame = encodeRequestFrame(
    APIS.Fetch,
    11,
    { correlationId: 1, clientId: 'bench' },
    {
      replicaId: -1,
      maxWaitMs: 0,
      minBytes: 0,
      topics: [
        { topic: 'bench', partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: sliceBytes }] },
      ],
    },
  );
  try {
    await runClient(port, frame, 2); // warm up: connection, JIT, page cache
    const cpuBefore = process.cpuUsage();
    const result = await runClient(port, frame, count);
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    return {
      bytesPerSecond: result.bytes / (result.elapsedMs / 1000),
      cpuMsPerGB: cpuMs / (result.bytes / 1e9),
    };
  } finally {
    await server.stop();
  }
}

export const bench: BenchFunction = async ({ quick }) => {
  const directory = mkdtempSync(join(tmpdir(), 'kspec-fetch-bench-'));
  const results: BenchResult[] = [];
  try {
    for (const sliceMiB of [1, 16]) {
      const sliceBytes = sliceMiB * MiB;
      const path = join(directory, `segment-${sliceMiB}`);
      writeFileSync(path, Buffer.alloc(sliceBytes, 0x5a));
      const fd = openSync(path, 'r');
      const totalBytes = (quick ? 64 : 1024) * MiB;
      const count = Math.max(4, Math.round(totalBytes / sliceBytes));
      try {
        // Interleave the paths (alternating which goes first) and report medians over rounds, so
        // drift and other load on the machine hit both alike; the note gives the per-round spread.
        const rounds = quick ? 1 : 5;
        const runs: Record<FetchPathName, Measurement[]> = { sendfile: [], copy: [] };
        for (let round = 0; round < rounds; round++) {
          const order: FetchPathName[] = round % 2 === 0 ? ['copy', 'sendfile'] : ['sendfile', 'copy'];
          for (const name of order) runs[name].push(await measure(name, { path, fd }, sliceBytes, count));
        }
        const throughputRatios = runs.sendfile.map(
          (run, i) => run.bytesPerSecond / runs.copy[i]!.bytesPerSecond,
        );
        const cpuRatios = runs.sendfile.map((run, i) => run.cpuMsPerGB / runs.copy[i]!.cpuMsPerGB);
        const spread = (ratios: number[]) =>
          `per-round ratio ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)} over ${rounds} rounds, load ${loadavg()[0]!.toFixed(1)}`;
        results.push(
          withRatio({
            name: `fetch ${sliceMiB} MiB throughput, sendfile path`,
            value: median(runs.sendfile.map((run) => run.bytesPerSecond)) / MiB,
            unit: 'MiB/s',
            baseline: median(runs.copy.map((run) => run.bytesPerSecond)) / MiB,
            note: `median of ${count} sequential fetches over loopback; baseline = copy path; ${spread(throughputRatios)}`,
          }),
          withRatio({
            name: `fetch ${sliceMiB} MiB broker CPU per GB, sendfile path`,
            value: median(runs.sendfile.map((run) => run.cpuMsPerGB)),
            unit: 'ms/GB',
            baseline: median(runs.copy.map((run) => run.cpuMsPerGB)),
            note: `broker process.cpuUsage (user+system); baseline = copy path; ${spread(cpuRatios)}`,
          }),
        );
      } finally {
        closeSync(fd);
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  return results;
};

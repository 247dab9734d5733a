// Fetch throughput, sendfile path vs copy path, in the same run: a broker serves a Fetch whose
// records are one file slice of 1 MiB or 16 MiB; a child process fetches it repeatedly over
// loopback. Reports throughput (ratio = sendfile / copy) and the broker process's CPU time per GB
// sent (process.cpuUsage, user + system, threadpool included; ratio = sendfile / copy).
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
        // Alternate the two paths and keep each one's best round, so drift hits both alike.
        const best: Record<FetchPathName, Measurement | undefined> = { sendfile: undefined, copy: undefined };
        for (let round = 0; round < (quick ? 1 : 3); round++) {
          for (const name of ['copy', 'sendfile'] as const) {
            const measured = await measure(name, { path, fd }, sliceBytes, count);
            const previous = best[name];
            if (!previous || measured.bytesPerSecond > previous.bytesPerSecond) best[name] = measured;
          }
        }
        const sendfile = best.sendfile!;
        const copy = best.copy!;
        const note = `${count} sequential fetches of ${sliceMiB} MiB over loopback; baseline = copy path`;
        results.push(
          withRatio({
            name: `fetch ${sliceMiB} MiB throughput, sendfile path`,
            value: sendfile.bytesPerSecond / MiB,
            unit: 'MiB/s',
            baseline: copy.bytesPerSecond / MiB,
            note,
          }),
          withRatio({
            name: `fetch ${sliceMiB} MiB broker CPU per GB, sendfile path`,
            value: sendfile.cpuMsPerGB,
            unit: 'ms/GB',
            baseline: copy.cpuMsPerGB,
            note: 'process.cpuUsage of the broker process (user+system); baseline = copy path',
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

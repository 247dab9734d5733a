// The CI smoke of a real Kafka 4.4 cluster (issue 19): three combined nodes from `kspec kafka up`,
// faults through `kspec kafka fault` as the kafka: adapter's --fault-cmd, a short validate of the
// no-loss producer suite under the safe profile (no acknowledged loss), then `kspec kafka down`.
// Needs Java 17+ and Maven (as the kafka-java tests do); CI resolves Kafka in its kafka:build step.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { cli } from '../../../cli/testing/run-cli.ts';
import { validate } from '../../validate/conformance.ts';
import { metadataBrokers } from './metadata-ready.ts';

test('three combined nodes serve, survive a crash and a disk loss, and lose no acknowledged write', async (t) => {
  t.timeout(900000);
  const dataDir = join(mkdtempSync(join(tmpdir(), 'kspec-kafka-smoke-')), 'cluster');
  const kspec = new URL('../../../bin/kspec.js', import.meta.url).pathname;
  t.teardown(async () => {
    await cli('kafka', 'down', '--data-dir', dataDir, '--delete');
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });
  const started = await cli(
    'kafka',
    'up',
    '--data-dir',
    dataDir,
    '--brokers',
    '3',
    '--combined',
    '--profile',
    'safe',
  );
  t.is(started.code, 0, started.stderr);
  const bootstrap = /^bootstrap: (\S+)$/m.exec(started.stdout)?.[1];
  t.truthy(bootstrap, started.stdout);
  const ports = bootstrap!.split(',').map((address) => Number(address.split(':')[1]));
  t.deepEqual(await metadataBrokers(ports[0]!), [0, 1, 2]);

  const crash = await cli('kafka', 'fault', '--data-dir', dataDir, 'process-crash', '1');
  t.is(crash.code, 0, crash.stderr);
  t.deepEqual(await metadataBrokers(ports[1]!), undefined, 'a killed node does not answer');
  const restart = await cli('kafka', 'fault', '--data-dir', dataDir, 'restart', '1');
  t.is(restart.code, 0, restart.stderr);
  t.deepEqual(await metadataBrokers(ports[1]!), [0, 1, 2]);
  const powerLoss = await cli('kafka', 'fault', '--data-dir', dataDir, 'power-loss', '1');
  t.is(powerLoss.code, 2);
  t.regex(powerLoss.stderr, /^kspec: power-loss needs unsynced writes to be lost/);

  process.env.KSPEC_FAULT_CMD = `node ${kspec} kafka fault --data-dir ${dataDir} {kind} {broker}`;
  try {
    const report = await validate({
      adapter: `kafka:${bootstrap}`,
      oracle: 'none',
      suites: ['no-loss-producer'],
      profile: 'safe',
      seed: 7,
      runs: 2,
      maxShrinkRuns: 2,
    });
    const violations = report.rules.flatMap((rule) => rule.violations);
    t.deepEqual(violations, [], JSON.stringify(violations, null, 1));
    t.deepEqual(
      report.suites.map((s) => s.outcome),
      ['held'],
    );
    const loss = report.rules.find((rule) => rule.properties.includes('no-acknowledged-loss'));
    t.true((loss?.checked ?? 0) > 0, 'the no-loss property was checked');
  } finally {
    delete process.env.KSPEC_FAULT_CMD;
  }

  const diskLoss = await cli('kafka', 'fault', '--data-dir', dataDir, 'disk-loss', '2');
  t.is(diskLoss.code, 0, diskLoss.stderr);
  t.deepEqual(await metadataBrokers(ports[2]!), [0, 1, 2], 'the quorum survived the disk loss');
  const stopped = await cli('kafka', 'down', '--data-dir', dataDir);
  t.is(stopped.code, 0, stopped.stderr);
  t.is(await metadataBrokers(ports[0]!), undefined);
});

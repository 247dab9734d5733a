import test from 'ava';
import { cli } from '../testing/run-cli.ts';

test('RP-20 kspec explore --model replication with the safe profile exhausts with zero violations (exit 0, JSON)', async (t) => {
  const { code, stdout } = await cli(
    'explore',
    '--model',
    'replication',
    '--writes',
    '1',
    '--config',
    'min.insync.replicas=2',
    '--json',
  );
  t.is(code, 0);
  const report = JSON.parse(stdout);
  for (const field of [
    'states',
    'transitions',
    'depth',
    'seconds',
    'statesPerSecond',
    'coverage',
    'violations',
  ])
    t.true(field in report, field);
  t.true(report.exhausted);
  t.deepEqual(report.violations, []);
  t.deepEqual(report.coverage.transitions.missing, []);
});

test('RP-18 kspec explore finds the acks=1 loss with its shortest trace and exits 1', async (t) => {
  const { code, stdout } = await cli(
    'explore',
    '--model',
    'replication',
    '--writes',
    '1',
    '--config',
    'acks=1',
    '--config',
    'min.insync.replicas=2',
    '--json',
  );
  t.is(code, 1);
  const [violation] = JSON.parse(stdout).violations;
  t.deepEqual(violation.rules, ['RP-18']);
  t.deepEqual(violation.trace, ['produce to the leader', 'broker 0 fails: disk-loss']);
});

test('kspec explore rejects unknown settings, bad values and unknown models with exit 2', async (t) => {
  const unknown = await cli('explore', '--model', 'replication', '--config', 'ack=1');
  t.is(unknown.code, 2);
  t.regex(unknown.stderr, /unknown setting 'ack'/);
  const bad = await cli('explore', '--model', 'replication', '--config', 'acks=2');
  t.is(bad.code, 2);
  t.regex(bad.stderr, /Invalid value 2 for configuration acks/);
  t.is((await cli('explore', '--model', 'nope')).code, 2);
  t.is((await cli('explore', '--model', 'replication', '--depth', '0')).code, 2);
  t.is(
    (await cli('explore', '--model', 'replication', '--replicas', '2', '--config', 'replication.factor=3'))
      .code,
    2,
  );
});

test('kspec explore prints the text report with the depth bound named', async (t) => {
  const { code, stdout } = await cli('explore', '--model', 'replication', '--depth', '3');
  t.is(code, 0);
  t.regex(stdout, /stopped by the depth bound/);
  t.regex(stdout, /states\/s/);
  t.regex(stdout, /coverage: machine states \d+\/2/);
});

test('GC-19 GC-35 GC-36 OC-12 kspec explore --model group --members 3 --partitions 2 exhausts at its default bounds with zero violations', async (t) => {
  const { code, stdout } = await cli(
    'explore',
    '--model',
    'group',
    '--members',
    '3',
    '--partitions',
    '2',
    '--json',
  );
  t.is(code, 0);
  const report = JSON.parse(stdout);
  t.true(report.exhausted);
  t.true(report.states > 5000);
  t.deepEqual(report.violations, []);
  const bad = await cli('explore', '--model', 'group', '--max-member-ids', '0');
  t.is(bad.code, 2);
  t.regex(bad.stderr, /--max-member-ids must be an integer/);
});

test('kspec explore --jobs 2 prints what one thread finds: states, transitions, violations, traces, coverage', async (t) => {
  const args = ['explore', '--model', 'replication', '--writes', '1', '--config', 'acks=1', '--json'];
  const one = await cli(...args);
  const two = await cli(...args, '--jobs', '2');
  t.is(one.code, 1);
  t.is(two.code, 1);
  const figures = (stdout: string) => {
    const {
      seconds: _s,
      statesPerSecond: _r,
      transitionsPerSecond: _t,
      cpuSeconds: _c,
      statesPerCpuSecond: _p,
      jobs,
      ...rest
    } = JSON.parse(stdout);
    return { rest, jobs };
  };
  t.deepEqual(figures(two.stdout).rest, figures(one.stdout).rest);
  t.is(figures(two.stdout).jobs, 2);
  t.true(figures(one.stdout).rest.violations.length > 0);
});

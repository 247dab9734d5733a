import test from 'ava';
import { cli } from '../testing/run-cli.ts';

test('AS-2 kspec assign --strategy range prints the course example: c1 = 0,1,2 and c2 = 3,4', async (t) => {
  const { code, stdout } = await cli(
    'assign',
    '--strategy',
    'range',
    '--topic',
    't:5',
    '--member',
    'c1:t',
    '--member',
    'c2:t',
  );
  t.is(code, 0);
  t.is(stdout, 'c1 = t[0,1,2]\nc2 = t[3,4]\n');
});

test("AS-6 kspec assign --strategy sticky prints Kafka's answer for the course example: c1 = 0,2,4 and c2 = 1,3", async (t) => {
  const { code, stdout } = await cli(
    'assign',
    '--strategy',
    'sticky',
    '--topic',
    't:5',
    '--member',
    'c1:t',
    '--member',
    'c2:t',
  );
  t.is(code, 0);
  t.is(stdout, 'c1 = t[0,2,4]\nc2 = t[1,3]\n');
});

test("AS-3 kspec assign --strategy roundrobin --json prints Kafka's unequal-subscription example", async (t) => {
  const { code, stdout } = await cli(
    'assign',
    '--strategy',
    'roundrobin',
    '--topic',
    't1:3',
    '--topic',
    't2:2',
    '--member',
    'c1:t1',
    '--member',
    'c2:t1,t2',
    '--member',
    'c3:t1',
    '--json',
  );
  t.is(code, 0);
  const { plan } = JSON.parse(stdout) as { plan: Record<string, { topic: string; partition: number }[]> };
  t.deepEqual(plan.c2, [
    { topic: 't1', partition: 1 },
    { topic: 't2', partition: 0 },
    { topic: 't2', partition: 1 },
  ]);
  t.deepEqual(plan.c3, [{ topic: 't1', partition: 2 }]);
});

test('AS-7 kspec assign --owned feeds the cooperative-sticky assignor', async (t) => {
  const { code, stdout } = await cli(
    'assign',
    '--strategy',
    'cooperative-sticky',
    '--topic',
    't:4',
    '--member',
    'c1:t',
    '--member',
    'c2:t',
    '--owned',
    'c1:t-0,t-1,t-2,t-3',
  );
  t.is(code, 0);
  t.is(stdout, 'c1 = t[0,1]\nc2 = (none)\n');
});

test('kspec assign rejects bad input with exit 2', async (t) => {
  for (const args of [
    ['--strategy', 'nope', '--topic', 't:1', '--member', 'a:t'],
    ['--strategy', 'range', '--topic', 't', '--member', 'a:t'],
    ['--strategy', 'range', '--topic', 't:1', '--member', 'a:u'],
    ['--strategy', 'range', '--topic', 't:1', '--member', 'a:t', '--member', 'a:t'],
  ]) {
    const { code, stderr } = await cli('assign', ...args);
    t.is(code, 2, args.join(' '));
    t.regex(stderr, /^kspec: /);
  }
});

test('AS-8 kspec offsets-partition prints Utils.abs(hashCode) % partitions', async (t) => {
  t.is((await cli('offsets-partition', 'polygenelubricants')).stdout, '0\n');
  t.is((await cli('offsets-partition', 'my-group', '--partitions', '7')).stdout, `${1906497762 % 7}\n`);
  const json = JSON.parse((await cli('offsets-partition', 'polygenelubricants', '--json')).stdout);
  t.deepEqual(json, {
    group: 'polygenelubricants',
    hashCode: -2147483648,
    partitions: 50,
    partition: 0,
    folkloreMathAbs: -48,
  });
  t.is((await cli('offsets-partition', 'g', '--partitions', '0')).code, 2);
});

test('AS-11 kspec assign --rack and --replica-racks: range gives each member the partitions on its rack first', async (t) => {
  const args = ['assign', '--topic', 't:4', '--member', 'c1:t', '--member', 'c2:t'];
  const racks = ['--rack', 'c1=b', '--rack', 'c2=a', '--replica-racks', 't=a,b,a/c,b'];
  const racked = await cli(...args, '--strategy', 'range', ...racks);
  t.is(racked.code, 0);
  t.is(racked.stdout, 'c1 = t[1,3]\nc2 = t[0,2]\n');
  const unknown = await cli(...args, '--strategy', 'range', '--rack', 'c9=a');
  t.not(unknown.code, 0);
  t.regex(unknown.stderr, /--rack names 'c9', which is not a --member/);
});

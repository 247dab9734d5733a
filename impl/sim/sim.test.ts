import test from 'ava';
import { SimulatedClock } from './clock.ts';
import { brokerNode, CONTROLLER_NODE, clientNode, SimulatedNetwork } from './network.ts';
import { SeededRandom } from './random.ts';
import { Scheduler } from './scheduler.ts';

test('the same seed gives the same draws; derived streams differ from the parent', (t) => {
  const draws = (seed: number) => {
    const random = new SeededRandom(seed);
    return [random.int(1000), random.int(1000), random.hex(8), random.derive('net').int(1000)];
  };
  t.deepEqual(draws(42), draws(42));
  t.notDeepEqual(draws(42), draws(43));
  t.throws(() => new SeededRandom(-1));
});

test('timers fire in deadline order, ties in scheduling order, with the clock at each deadline', (t) => {
  const clock = new SimulatedClock();
  const scheduler = new Scheduler(clock);
  const seen: string[] = [];
  scheduler.schedule(20, 'b', () => seen.push(`b@${clock.now()}`));
  scheduler.schedule(10, 'a1', () => {
    seen.push(`a1@${clock.now()}`);
    scheduler.schedule(15, 'nested', () => seen.push(`nested@${clock.now()}`));
  });
  scheduler.schedule(10, 'a2', () => seen.push(`a2@${clock.now()}`));
  const cancelled = scheduler.schedule(12, 'x', () => seen.push('x'));
  scheduler.cancel(cancelled);
  t.is(scheduler.advanceTo(17), 3);
  t.deepEqual(seen, ['a1@10', 'a2@10', 'nested@15']);
  t.is(clock.now(), 17);
  scheduler.advanceTo(25);
  t.deepEqual(seen.at(-1), 'b@20');
  t.throws(() => clock.advanceTo(3));
});

test('network partitions compose and heal', (t) => {
  const network = new SimulatedNetwork(undefined);
  const b0 = brokerNode(0);
  const b1 = brokerNode(1);
  const c1 = clientNode('c1');
  t.true(network.connected(b0, b1));
  network.isolate([b0, c1]);
  t.false(network.connected(b0, b1));
  t.true(network.connected(b0, c1));
  t.false(network.connected(c1, CONTROLLER_NODE));
  network.isolate([c1]);
  t.false(network.connected(b0, c1));
  t.deepEqual(network.deliver(b1, b0), { delivered: false, reason: 'partitioned' });
  network.heal();
  t.true(network.connected(b0, c1));
});

test('drops and delays come from the seed', (t) => {
  const run = () => {
    const network = new SimulatedNetwork(new SeededRandom(7), {
      dropProbability: 0.3,
      minDelayMs: 1,
      maxDelayMs: 9,
    });
    return Array.from({ length: 50 }, () => network.deliver('a', 'b'));
  };
  const first = run();
  t.deepEqual(first, run());
  t.true(first.some((d) => !d.delivered));
  t.true(first.every((d) => !d.delivered || (d.delayMs >= 1 && d.delayMs <= 9)));
});

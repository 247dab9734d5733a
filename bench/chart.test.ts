import test from 'ava';
import { scaleChart } from './chart.ts';
import type { BenchResult } from './result.ts';

const point = (chart: string, series: string, x: number, value: number): BenchResult => ({
  name: `${chart} ${series} ${x}`,
  value,
  unit: 's',
  curve: { chart, series, xLabel: 'events per run', x },
});

test('the scale chart has one panel per chart and one line per series, rows without a point left out', (t) => {
  const svg = scaleChart([
    point('lockstep', 'reference', 100, 1),
    point('lockstep', 'reference', 10_000, 3),
    point('explorer', '1 partition', 1, 0.1),
    point('explorer', '2 partitions', 1, 0.2),
    point('explorer', '2 partitions', 2, 0.4),
    { name: 'no curve', value: 9, unit: 's' },
  ]);
  t.is(svg.match(/<g transform/g)?.length, 2);
  t.is(svg.match(/<polyline/g)?.length, 3);
  t.is(svg.match(/<circle/g)?.length, 5);
  t.true(svg.includes('events per run (log scale)'));
  t.false(svg.includes('no curve'));
});

// Draws the scale curves (issue 22 part 5) as one SVG from `npm run bench -- --json` output:
//   npm run -s bench -- --json > bench.json && npm run -s bench:chart -- bench.json docs/scale-curves.svg
// Every row with a `curve` point (bench/scale/*.bench.ts) is drawn: one panel per chart, one line
// per series, x on a log scale when it spans 20x or more. Hand-written SVG: three small line charts
// need no charting library. Also writes the points as JSON beside the SVG (same name, .json).
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { BenchResult } from './result.ts';

const PANEL_WIDTH = 420;
const PANEL_HEIGHT = 260;
const MARGIN = { left: 64, right: 16, top: 40, bottom: 64 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function tickLabel(value: number): string {
  if (value >= 1000) return `${Math.round(value / 100) / 10}k`.replace('.0k', 'k');
  return String(Math.round(value * 100) / 100);
}

function panel(rows: BenchResult[], chart: string, left: number): string {
  const width = PANEL_WIDTH - MARGIN.left - MARGIN.right;
  const height = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const xs = rows.map((row) => row.curve!.x);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const logX = minX > 0 && maxX / minX >= 20;
  const maxY = Math.max(...rows.map((row) => row.value)) * 1.1 || 1;
  const scaleX = (x: number) =>
    maxX === minX
      ? width / 2
      : logX
        ? ((Math.log10(x) - Math.log10(minX)) / (Math.log10(maxX) - Math.log10(minX))) * width
        : ((x - minX) / (maxX - minX)) * width;
  const scaleY = (y: number) => height - (y / maxY) * height;
  const parts: string[] = [`<g transform="translate(${left + MARGIN.left},${MARGIN.top})">`];
  parts.push(
    `<text x="${width / 2}" y="-18" text-anchor="middle" font-weight="bold">${xmlText(chart)}</text>`,
  );
  parts.push(`<line x1="0" y1="${height}" x2="${width}" y2="${height}" stroke="#333"/>`);
  parts.push(`<line x1="0" y1="0" x2="0" y2="${height}" stroke="#333"/>`);
  for (const x of [...new Set(xs)].sort((a, b) => a - b))
    parts.push(
      `<text x="${scaleX(x).toFixed(1)}" y="${height + 16}" text-anchor="middle" font-size="10">${tickLabel(x)}</text>`,
    );
  for (let tick = 0; tick <= 4; tick++) {
    const y = (maxY / 4) * tick;
    parts.push(
      `<text x="-6" y="${(scaleY(y) + 3).toFixed(1)}" text-anchor="end" font-size="10">${tickLabel(y)}</text>`,
      `<line x1="0" y1="${scaleY(y).toFixed(1)}" x2="${width}" y2="${scaleY(y).toFixed(1)}" stroke="#eee"/>`,
    );
  }
  const first = rows[0]!;
  parts.push(
    `<text x="${width / 2}" y="${height + 34}" text-anchor="middle" font-size="11">${xmlText(first.curve!.xLabel)}${logX ? ' (log scale)' : ''}</text>`,
    `<text transform="translate(-48,${height / 2}) rotate(-90)" text-anchor="middle" font-size="11">${xmlText(first.unit)}</text>`,
  );
  const series = [...new Set(rows.map((row) => row.curve!.series))];
  series.forEach((name, index) => {
    const colour = COLOURS[index % COLOURS.length]!;
    const points = rows
      .filter((row) => row.curve!.series === name)
      .sort((a, b) => a.curve!.x - b.curve!.x)
      .map((row) => `${scaleX(row.curve!.x).toFixed(1)},${scaleY(row.value).toFixed(1)}`);
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.join(' ')}"/>`);
    for (const point of points) {
      const [cx, cy] = point.split(',');
      parts.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${colour}"/>`);
    }
    // Legend: top left of the plot, one line per series.
    parts.push(`<text x="6" y="${12 + index * 12}" font-size="10" fill="${colour}">${xmlText(name)}</text>`);
  });
  parts.push('</g>');
  return parts.join('\n');
}

/** The SVG for the rows that carry a curve point, one panel per chart in order of appearance. */
export function scaleChart(results: readonly BenchResult[]): string {
  const rows = results.filter((row) => row.curve !== undefined);
  const charts = [...new Set(rows.map((row) => row.curve!.chart))];
  const width = Math.max(1, charts.length) * PANEL_WIDTH;
  const panels = charts.map((chart, index) =>
    panel(
      rows.filter((row) => row.curve!.chart === chart),
      chart,
      index * PANEL_WIDTH,
    ),
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${PANEL_HEIGHT}" font-family="sans-serif" font-size="12">`,
    // The chart's text alternative (screen readers, and biome's a11y rule).
    `<title>kspec scale curves: ${charts.join('; ')}</title>`,
    `<rect width="${width}" height="${PANEL_HEIGHT}" fill="white"/>`,
    ...panels,
    '</svg>',
    '',
  ].join('\n');
}

function main(args: string[]): void {
  const [input, output = 'docs/scale-curves.svg'] = args;
  if (!input) {
    process.stderr.write('usage: npm run bench:chart -- BENCH.json [OUT.svg]\n');
    process.exitCode = 2;
    return;
  }
  let results: BenchResult[];
  try {
    results = JSON.parse(readFileSync(input, 'utf8')) as BenchResult[];
    if (!Array.isArray(results)) throw new Error('not a JSON array of bench results');
  } catch (error) {
    process.stderr.write(`bench:chart: cannot read ${input}: ${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  const points = results.filter((row) => row.curve !== undefined);
  if (points.length === 0) {
    process.stderr.write(`bench:chart: ${input} has no scale-curve rows (bench/scale/)\n`);
    process.exitCode = 2;
    return;
  }
  writeFileSync(output, scaleChart(points));
  writeFileSync(output.replace(/\.svg$/, '.json'), `${JSON.stringify(points, null, 2)}\n`);
  process.stdout.write(`${output}: ${points.length} points\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));

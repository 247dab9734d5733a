/**
 * One benchmark figure. Absolute numbers depend on the machine, so where a figure has a natural
 * baseline measured in the same run (a plain fs.write, a linear scan, the copy path), it carries
 * `baseline` and `ratio` = value / baseline, and the ratio is what targets are stated in.
 */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  /** Optional context: what the baseline is, the target, sizes. Shown in the table. */
  note?: string;
  /**
   * A point of a scale curve (bench/scale/): which curve, which line of it, and where on the x axis
   * `value` lies. bench/chart.ts draws docs/scale-curves.svg from the rows that carry one.
   */
  curve?: CurvePoint;
}

export interface CurvePoint {
  /** The chart the point belongs to, e.g. 'lockstep time vs run length'. */
  readonly chart: string;
  /** The line within the chart, e.g. '2 partitions'. */
  readonly series: string;
  /** The x axis quantity (e.g. events per run) and its value. */
  readonly xLabel: string;
  readonly x: number;
}

/** A benchmark file (`<area>/**\/*.bench.ts`) exports `bench`, returning its figures. */
export type BenchFunction = (options: BenchOptions) => Promise<BenchResult[]>;

export interface BenchOptions {
  /** `--quick`: smaller sizes, for a smoke run (the bench test uses it). */
  quick: boolean;
}

export function withRatio(result: Omit<BenchResult, 'ratio'> & { baseline: number }): BenchResult {
  return { ...result, ratio: result.baseline === 0 ? 0 : result.value / result.baseline };
}

// The soak's leak verdict: after the warm-up, resident memory and open file descriptors must stay
// flat. "Flat" compares the median of the first samples after the warm-up with the median of the
// last ones (medians, so a fault window, when a crashed broker's connections and files are gone,
// or one garbage-collection peak does not decide), against a stated tolerance. Samples taken while a
// broker was down are left out: its connections and files are gone then, which would make a
// baseline taken in a fault window look like growth afterwards (or hide growth at the end).

export interface LeakSample {
  readonly atMs: number;
  readonly rssBytes: number;
  readonly openFds: number;
  /** False while a broker is down (crashed, not yet restarted): such samples are not compared. */
  readonly allBrokersUp?: boolean;
}

export interface LeakTolerance {
  /** Samples before this time are warm-up (connections opening, the journal filling). */
  readonly warmUpMs: number;
  /** RSS may grow by this fraction of the post-warm-up level plus `rssSlackBytes`. */
  readonly rssFraction: number;
  readonly rssSlackBytes: number;
  /** Open fds may grow by this fraction plus `fdSlack`. */
  readonly fdFraction: number;
  readonly fdSlack: number;
  /** How many samples make each median. */
  readonly window: number;
}

export const DEFAULT_TOLERANCE: LeakTolerance = {
  warmUpMs: 0, // set from the run's length
  rssFraction: 0.15,
  rssSlackBytes: 32 * 1024 * 1024,
  fdFraction: 0.1,
  fdSlack: 20,
  window: 3,
};

export interface LeakVerdict {
  readonly ok: boolean;
  readonly rssAfterWarmUp: number;
  readonly rssAtEnd: number;
  readonly rssLimit: number;
  readonly fdsAfterWarmUp: number;
  readonly fdsAtEnd: number;
  readonly fdLimit: number;
  readonly reason: string;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function checkLeaks(samples: readonly LeakSample[], tolerance: LeakTolerance): LeakVerdict {
  const steady = samples.filter(
    (sample) => sample.atMs >= tolerance.warmUpMs && sample.allBrokersUp !== false,
  );
  if (steady.length < 2 * tolerance.window)
    return {
      ok: false,
      rssAfterWarmUp: 0,
      rssAtEnd: 0,
      rssLimit: 0,
      fdsAfterWarmUp: 0,
      fdsAtEnd: 0,
      fdLimit: 0,
      reason: `too few samples after the warm-up with every broker up (${steady.length}, need ${2 * tolerance.window}): run longer`,
    };
  const first = steady.slice(0, tolerance.window);
  const last = steady.slice(-tolerance.window);
  const rssAfterWarmUp = median(first.map((s) => s.rssBytes));
  const rssAtEnd = median(last.map((s) => s.rssBytes));
  const fdsAfterWarmUp = median(first.map((s) => s.openFds));
  const fdsAtEnd = median(last.map((s) => s.openFds));
  const rssLimit = Math.round(rssAfterWarmUp * (1 + tolerance.rssFraction) + tolerance.rssSlackBytes);
  const fdLimit = Math.round(fdsAfterWarmUp * (1 + tolerance.fdFraction) + tolerance.fdSlack);
  const problems: string[] = [];
  if (rssAtEnd > rssLimit)
    problems.push(`RSS grew from ${mb(rssAfterWarmUp)} to ${mb(rssAtEnd)} (limit ${mb(rssLimit)})`);
  if (fdsAtEnd > fdLimit)
    problems.push(`open fds grew from ${fdsAfterWarmUp} to ${fdsAtEnd} (limit ${fdLimit})`);
  return {
    ok: problems.length === 0,
    rssAfterWarmUp,
    rssAtEnd,
    rssLimit,
    fdsAfterWarmUp,
    fdsAtEnd,
    fdLimit,
    reason: problems.length === 0 ? 'flat' : problems.join('; '),
  };
}

export const mb = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`;

// The verdict of a validate run, as data: what kind of answer it is and how many rules it rests on.
// The text verdict (format.ts) and `--json` both read it, so a script never has to parse prose.

/** What the verdict reads of a rule's and a suite's result (conformance.ts has the full shapes). */
interface RuleStatus {
  readonly status: 'conforms' | 'violates' | 'not exercised';
}
interface SuiteOutcome {
  readonly suite: string;
  readonly outcome: string;
}

export type VerdictKind =
  /** Every rule exercised, none violated. */
  | 'conforms'
  /** None violated, but some rules were not exercised, so they were not checked. */
  | 'conforms-on-exercised'
  /** At least one rule violated. */
  | 'does-not-conform'
  /** A suite ended in an error (setup, crash of the adapter) before a verdict could be reached. */
  | 'no-verdict'
  /** No rule was exercised at all. */
  | 'nothing-checked';

export interface Verdict {
  readonly kind: VerdictKind;
  readonly rules: number;
  readonly exercised: number;
  readonly violated: number;
  readonly notExercised: number;
  /** Suites that ended in an error. */
  readonly errors: readonly string[];
}

export function verdictOf(rules: readonly RuleStatus[], suites: readonly SuiteOutcome[]): Verdict {
  const count = (status: RuleStatus['status']) => rules.filter((r) => r.status === status).length;
  const violated = count('violates');
  const notExercised = count('not exercised');
  const errors = suites.filter((s) => s.outcome === 'error').map((s) => s.suite);
  const held = count('conforms');
  const kind: VerdictKind =
    violated > 0
      ? 'does-not-conform'
      : errors.length > 0
        ? 'no-verdict'
        : held === 0
          ? 'nothing-checked'
          : notExercised === 0
            ? 'conforms'
            : 'conforms-on-exercised';
  return {
    kind,
    rules: rules.length,
    exercised: rules.length - notExercised,
    violated,
    notExercised,
    errors,
  };
}

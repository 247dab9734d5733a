import type { Finding, History } from '../history/history.ts';

/** Thrown inside a property run when a rule breaks, so fast-check records the failure and shrinks. */
export class PropertyViolation extends Error {
  override name = 'PropertyViolation';
  constructor(
    readonly findings: readonly Finding[],
    readonly history: History,
  ) {
    super(
      findings.map((f) => `${f.property} [${f.rules.join(', ')}] at step ${f.step}: ${f.message}`).join('\n'),
    );
  }
}

import { PROPERTIES, type PropertyName } from '../../rules.ts';
import type { Finding } from '../history.ts';

export function finding(property: PropertyName, message: string, step: number): Finding {
  const info = PROPERTIES[property];
  return { property, rules: info.rules, severity: info.severity, message, step };
}

/** Caps findings per checker: one counterexample is enough, a thousand repeats drown it. */
export const MAX_FINDINGS = 20;

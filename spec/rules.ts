// Reads the rule book (spec/SPEC.md) into data: one entry per rule line
// `- **XX-n** Sentence. _Source:_ ... _Differs:_ ...`. Used by `kspec rules`, by reports that name
// rules, and by the test that every rule is enforced and tested.
import { readFileSync } from 'node:fs';

export interface Rule {
  readonly id: string;
  readonly section: string;
  readonly text: string;
  readonly source: string;
  readonly differs?: string;
  readonly withdrawn: boolean;
}

export const RULE_ID = /\b(GC|OC|AS|RP|LG|WP|IP)-\d+\b/g;
const RULE_LINE = /^- \*\*((?:GC|OC|AS|RP|LG|WP|IP)-\d+)\*\*\s+(.*)$/;

export const specPath = new URL('./SPEC.md', import.meta.url);

export function parseRules(markdown: string): Rule[] {
  const rules: Rule[] = [];
  let section = '';
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) section = line.slice(3).trim();
    const match = RULE_LINE.exec(line);
    if (!match) continue;
    const [, id, rest] = match as unknown as [string, string, string];
    const [beforeDiffers, differs] = rest.split(/\s*_Differs:_\s*/);
    const [text, source] = (beforeDiffers ?? '').split(/\s*_Source:_\s*/);
    rules.push({
      id,
      section,
      text: (text ?? '').trim(),
      source: (source ?? '').trim(),
      ...(differs ? { differs: differs.trim() } : {}),
      withdrawn: /_Withdrawn_/.test(rest),
    });
  }
  return rules;
}

export function loadRules(): Rule[] {
  return parseRules(readFileSync(specPath, 'utf8'));
}

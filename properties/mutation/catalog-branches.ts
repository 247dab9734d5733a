// The planted-bug catalog's sites (impl/mutants: `mutant('name') ? a : b`, `if (mutant('name')) ...`)
// left out of the mutation frame. `kspec check` never sets kspec.mutant, so at every site
// `mutant('name')` is false: a mutant that only changes what runs while it is true (the branch a
// planted bug takes), the name it asks for, or that replaces the call by the false it already
// returns, is equivalent by construction. Counting them would score the catalog's switches, not
// the reference. Mutants that make a site behave as if the bug were on (`mutant(...)` -> true,
// `!mutant(...)` -> `mutant(...)`, `a || mutant(...)` -> `a && mutant(...)`) stay in the frame:
// they are real changes of the reference's behaviour.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { Position, SampledMutant } from './sample.ts';

interface Span {
  readonly start: Position;
  readonly end: Position;
  /** Only a mutant spanning exactly this range and replacing it by `false` is excluded. */
  readonly exactFalse?: boolean;
}

const isCatalogCall = (node: ts.Node): node is ts.CallExpression =>
  ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'mutant';

const unwrap = (node: ts.Expression): ts.Expression =>
  ts.isParenthesizedExpression(node) ? unwrap(node.expression) : node;

const isNegatedCall = (node: ts.Expression): boolean =>
  ts.isPrefixUnaryExpression(node) &&
  node.operator === ts.SyntaxKind.ExclamationToken &&
  isCatalogCall(unwrap(node.operand));

/** The spans of one source file whose mutants are equivalent while no planted bug is switched on. */
export function catalogSpans(fileName: string, text: string): Span[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const at = (pos: number): Position => {
    const { line, character } = source.getLineAndCharacterOfPosition(pos);
    return { line: line + 1, column: character };
  };
  const span = (node: ts.Node, exactFalse?: boolean): Span => ({
    start: at(node.getStart(source)),
    end: at(node.getEnd()),
    ...(exactFalse ? { exactFalse } : {}),
  });
  const spans: Span[] = [];
  const visit = (node: ts.Node): void => {
    if (isCatalogCall(node)) {
      spans.push(span(node, true));
      for (const argument of node.arguments) spans.push(span(argument));
    }
    // The branch taken only while the planted bug is on.
    if (ts.isConditionalExpression(node) || ts.isIfStatement(node)) {
      const test = unwrap(ts.isIfStatement(node) ? node.expression : node.condition);
      const onBranch = ts.isIfStatement(node) ? node.thenStatement : node.whenTrue;
      const offBranch = ts.isIfStatement(node) ? node.elseStatement : node.whenFalse;
      if (isCatalogCall(test)) spans.push(span(onBranch));
      else if (isNegatedCall(test) && offBranch) spans.push(span(offBranch));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return spans;
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.column <= b.column);
const same = (a: Position, b: Position) => a.line === b.line && a.column === b.column;

function excluded(m: SampledMutant, spans: readonly Span[]): boolean {
  return spans.some((s) =>
    s.exactFalse
      ? same(s.start, m.start) && same(s.end, m.end) && m.replacement === 'false'
      : before(s.start, m.start) && before(m.end, s.end),
  );
}

/** Splits mutants into those of the frame and those at the catalog's sites (equivalent by construction). */
export function withoutCatalogBranches(
  root: string,
  mutants: readonly SampledMutant[],
): { kept: SampledMutant[]; catalog: SampledMutant[] } {
  const spansByFile = new Map<string, Span[]>();
  const spansOf = (file: string) => {
    let spans = spansByFile.get(file);
    if (!spans) {
      spans = catalogSpans(file, readFileSync(join(root, file), 'utf8'));
      spansByFile.set(file, spans);
    }
    return spans;
  };
  const kept: SampledMutant[] = [];
  const catalog: SampledMutant[] = [];
  for (const m of mutants) (excluded(m, spansOf(m.file)) ? catalog : kept).push(m);
  return { kept, catalog };
}

// The catalog's sites leave the frame only where a mutant cannot change what kspec check runs.
import test from 'ava';
import { catalogSpans } from './catalog-branches.ts';

const SOURCE = [
  "const a = mutant('one') ? x + 1 : x - 1;",
  "if (mutant('two')) group.generation = 0;",
  "if (!mutant('three')) keep(); else drop(y * 2);",
  "const b = ready || mutant('four');",
].join('\n');

const covers = (line: number, from: number, to: number) =>
  catalogSpans('x.ts', SOURCE).some(
    (s) => s.start.line === line && s.start.column <= from && s.end.line === line && s.end.column >= to,
  );

test('the name, the branch a planted bug takes and the call replaced by false are catalog spans', (t) => {
  t.true(covers(1, 17, 22), "the name 'one'");
  t.true(covers(1, 26, 31), 'the on-branch x + 1');
  t.false(covers(1, 34, 39), 'the reference branch x - 1 stays in the frame');
  t.true(covers(2, 19, 39), 'the statement run only while two is on');
  t.true(covers(3, 36, 47), "the else of if (!mutant('three'))");
  t.false(covers(3, 22, 28), 'the reference branch keep() stays');
  const exact = catalogSpans('x.ts', SOURCE).filter((s) => s.exactFalse);
  t.is(exact.length, 4, 'each call, replaced by the false it returns, is one exact span');
  t.false(covers(4, 10, 15), 'ready, beside a catalog call, stays in the frame');
});

import test from 'ava';
import { textTable } from './text-table.ts';

test('columns two spaces apart, as wide as their widest cell, no trailing spaces', (t) => {
  t.is(
    textTable(
      ['name', 'n', 'note'],
      [
        ['a', '10', ''],
        ['long name', '2', 'x'],
      ],
      { alignRight: [1] },
    ),
    ['name        n  note', '---------  --  ----', 'a          10', 'long name   2  x'].join('\n'),
  );
});

test('without the rule; a row with fewer cells is padded', (t) => {
  t.is(textTable(['a', 'b'], [['xyz']], { rule: false }), ['a    b', 'xyz'].join('\n'));
});

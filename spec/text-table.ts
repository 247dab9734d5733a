// The one plain-text table of kspec's reports (check, validate, mutants, bench): a header, an
// optional line of dashes under it, columns two spaces apart, no trailing spaces. Not part of the
// contract: it lives in spec/ because spec/ is the one folder every other folder may import.

export interface TableOptions {
  /** A line of dashes under the header (default: yes). */
  readonly rule?: boolean;
  /** The columns aligned right (numbers), by index; the others are aligned left. */
  readonly alignRight?: readonly number[];
}

export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): string {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const right = new Set(options.alignRight ?? []);
  const line = (cells: readonly string[]) =>
    widths
      .map((width, i) => (right.has(i) ? (cells[i] ?? '').padStart(width) : (cells[i] ?? '').padEnd(width)))
      .join('  ')
      .trimEnd();
  const rule = options.rule === false ? [] : [line(widths.map((width) => '-'.repeat(width)))];
  return [line(header), ...rule, ...rows.map(line)].join('\n');
}

// The part of EDN a Jepsen history uses (one op map per line of history.edn): nil, booleans,
// integers, strings, keywords, vectors and maps; written here and read back by the round-trip
// test and by anyone checking a file before handing it to Elle. Keywords are kept as a tagged
// value so that :ok and "ok" stay different things.

export interface Keyword {
  readonly keyword: string;
}

export type Edn = null | boolean | number | string | Keyword | readonly Edn[] | EdnMap;

/** A map with keys in insertion order (EDN map keys may be keywords or integers). */
export class EdnMap {
  constructor(readonly entries: readonly (readonly [Edn, Edn])[]) {}

  get(key: Edn): Edn | undefined {
    const wanted = writeEdn(key);
    return this.entries.find(([candidate]) => writeEdn(candidate) === wanted)?.[1];
  }
}

export const kw = (name: string): Keyword => ({ keyword: name });

export function isKeyword(value: Edn | undefined): value is Keyword {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'keyword' in value;
}

const KEYWORD = /^[A-Za-z*+!_?<>=-][A-Za-z0-9*+!_?<>=./-]*$/;

export function writeEdn(value: Edn): string {
  if (value === null) return 'nil';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`EDN export writes integers only, got ${value}`);
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(writeEdn).join(' ')}]`;
  if (value instanceof EdnMap)
    return `{${value.entries.map(([key, entry]) => `${writeEdn(key)} ${writeEdn(entry)}`).join(', ')}}`;
  const name = (value as Keyword).keyword;
  if (!KEYWORD.test(name)) throw new RangeError(`not a keyword name: ${name}`);
  return `:${name}`;
}

export class EdnSyntaxError extends Error {
  override name = 'EdnSyntaxError';
}

/** Reads one EDN value from `text` (the subset above; `,` is whitespace, `;` starts a comment). */
export function readEdn(text: string): Edn {
  let position = 0;
  const fail = (what: string): never => {
    throw new EdnSyntaxError(`${what} at character ${position}`);
  };
  const skip = () => {
    while (position < text.length) {
      const char = text[position]!;
      if (char === ';') while (position < text.length && text[position] !== '\n') position++;
      else if (/[\s,]/.test(char)) position++;
      else break;
    }
  };
  const token = () => {
    const start = position;
    while (position < text.length && !/[\s,()[\]{}"]/.test(text[position]!)) position++;
    return text.slice(start, position);
  };
  const value = (): Edn => {
    skip();
    const char = text[position];
    if (char === undefined) return fail('unexpected end of input');
    if (char === '[') {
      position++;
      const items: Edn[] = [];
      for (skip(); text[position] !== ']'; skip()) {
        if (position >= text.length) fail('unclosed vector');
        items.push(value());
      }
      position++;
      return items;
    }
    if (char === '{') {
      position++;
      const entries: [Edn, Edn][] = [];
      for (skip(); text[position] !== '}'; skip()) {
        if (position >= text.length) fail('unclosed map');
        const key = value();
        entries.push([key, value()]);
      }
      position++;
      return new EdnMap(entries);
    }
    if (char === '"') {
      const start = position;
      position++;
      while (position < text.length && text[position] !== '"') position += text[position] === '\\' ? 2 : 1;
      if (position >= text.length) fail('unclosed string');
      position++;
      return JSON.parse(text.slice(start, position)) as string;
    }
    if (char === ':') {
      position++;
      const name = token();
      if (!KEYWORD.test(name)) fail(`bad keyword ':${name}'`);
      return kw(name);
    }
    const word = token();
    if (word === 'nil') return null;
    if (word === 'true' || word === 'false') return word === 'true';
    if (/^[+-]?\d+$/.test(word)) return Number(word);
    return fail(`unsupported token '${word || char}'`);
  };
  const result = value();
  skip();
  if (position < text.length) fail('trailing input');
  return result;
}

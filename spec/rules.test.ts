// The rule book's own contract: every rule is enforced by code that names its id (a model guard, an
// invariant, a property) and checked by a test whose file names it; every rule cites its source.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { loadRules, parseRules, RULE_ID } from './rules.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const CODE_AREAS = ['model', 'impl', 'properties', 'traces', 'spec'];

function typescriptFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory)) {
    if (entry === 'node_modules' || entry.startsWith('.') || entry === 'found') continue;
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) files.push(...typescriptFiles(path));
    else if (entry.endsWith('.ts')) files.push(path);
  }
  return files;
}

function idsIn(files: string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of files) {
    for (const id of new Set(readFileSync(file, 'utf8').match(RULE_ID) ?? [])) {
      found.set(id, [...(found.get(id) ?? []), relative(root, file)]);
    }
  }
  return found;
}

const files = CODE_AREAS.flatMap((area) => typescriptFiles(join(root, area)));
const isTest = (file: string) => file.endsWith('.test.ts');
const sourceFiles = files.filter((file) => !isTest(file) && !file.endsWith('rules.ts'));
const testFiles = files.filter((file) => isTest(file) && !file.endsWith('rules.test.ts'));
const rules = loadRules().filter((rule) => !rule.withdrawn);

test('the rule line format parses into id, section, text, source and differs', (t) => {
  const [rule] = parseRules(
    '## 1. Group coordinator (GC)\n- **GC-9** Dead answers COORDINATOR_NOT_AVAILABLE. _Source:_ `GroupMetadataManager.java` (validateSyncGroup). _Differs:_ comments say UNKNOWN_MEMBER_ID.\n',
  );
  t.deepEqual(rule, {
    id: 'GC-9',
    section: '1. Group coordinator (GC)',
    text: 'Dead answers COORDINATOR_NOT_AVAILABLE.',
    source: '`GroupMetadataManager.java` (validateSyncGroup).',
    differs: 'comments say UNKNOWN_MEMBER_ID.',
    withdrawn: false,
  });
});

test('rule ids are unique', (t) => {
  const ids = loadRules().map((rule) => rule.id);
  t.deepEqual(
    ids.filter((id, index) => ids.indexOf(id) !== index),
    [],
  );
});

test('every rule cites the Kafka source it comes from', (t) => {
  t.deepEqual(
    rules.filter((rule) => rule.source.length === 0).map((rule) => rule.id),
    [],
  );
});

test('every rule is enforced by code that names its id', (t) => {
  const enforced = idsIn(sourceFiles);
  t.deepEqual(
    rules.filter((rule) => !enforced.has(rule.id)).map((rule) => rule.id),
    [],
  );
});

test('every rule is checked by a test that names its id', (t) => {
  const tested = idsIn(testFiles);
  t.deepEqual(
    rules.filter((rule) => !tested.has(rule.id)).map((rule) => rule.id),
    [],
  );
});

test('code names no rule id that the rule book lacks', (t) => {
  const known = new Set(loadRules().map((rule) => rule.id));
  const unknown = [...idsIn(sourceFiles)]
    .filter(([id]) => !known.has(id))
    .map(([id, where]) => `${id} in ${where[0]}`);
  t.deepEqual(unknown, []);
});

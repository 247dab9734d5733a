import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { ensureKafkaJava, KafkaJavaError, sourceHash } from './jar.ts';

test('the cache key is a stable hash of the pom and the Java sources', (t) => {
  t.regex(sourceHash(), /^[0-9a-f]{16}$/);
  t.is(sourceHash(), sourceHash());
});

test('without Java on PATH the build fails with one line saying how to install it', async (t) => {
  const cache = mkdtempSync(join(tmpdir(), 'kspec-nojava-'));
  const saved = { path: process.env.PATH, cache: process.env.KSPEC_CACHE };
  process.env.PATH = cache; // an empty directory: neither java nor mvn
  process.env.KSPEC_CACHE = cache;
  try {
    const error = await t.throwsAsync(ensureKafkaJava(), { instanceOf: KafkaJavaError });
    t.regex(error?.message ?? '', /^java is needed .*install a JDK 17/);
    t.false(error?.message.includes('\n'));
  } finally {
    process.env.PATH = saved.path;
    if (saved.cache === undefined) delete process.env.KSPEC_CACHE;
    else process.env.KSPEC_CACHE = saved.cache;
    rmSync(cache, { recursive: true, force: true });
  }
});

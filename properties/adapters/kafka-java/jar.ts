// Builds the Java programs that host Kafka 4.4's own code (pom.xml, src/main/java) and returns the
// classpath to run them with. The build goes to a cache directory keyed by a hash of the sources,
// never into the repository: `$KSPEC_CACHE` or `~/.cache/kspec`, then `kafka-java/<hash>/`.
// Maven resolves Kafka into its own cache (~/.m2). Several test processes may ask at once: each
// builds into a private directory and renames it into place, so a half-built jar is never seen.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const KAFKA_VERSION = '4.4.0';
const PROJECT = dirname(fileURLToPath(import.meta.url));
const JAR_NAME = 'kspec-kafka-java-1.jar';

/** A missing Java or Maven, or a build that failed: one line for the user, the log kept aside. */
export class KafkaJavaError extends Error {
  override name = 'KafkaJavaError';
}

export interface KafkaJava {
  /** `java -cp` value: the built jar, then Kafka and its dependencies. */
  readonly classpath: string;
  readonly buildDir: string;
}

function cacheRoot(): string {
  return process.env.KSPEC_CACHE ?? join(homedir(), '.cache', 'kspec');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.java') ? [path] : [];
    })
    .sort();
}

/** The build's cache key: the pom and every Java source, by path and content. */
export function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [join(PROJECT, 'pom.xml'), ...sourceFiles(join(PROJECT, 'src'))]) {
    hash.update(relative(PROJECT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function run(command: string, args: string[], log: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => log.push(chunk.toString('utf8'));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** One line for the user from a failed Maven run; Maven's whole output kept beside the cache. */
function mavenFailure(what: string, code: number, log: string[]): KafkaJavaError {
  const logFile = join(cacheRoot(), 'kafka-java', 'last-failed-build.log');
  mkdirSync(dirname(logFile), { recursive: true });
  writeFileSync(logFile, log.join(''));
  const errors = log
    .join('')
    .split('\n')
    .filter((line) => line.includes('ERROR'))
    .map((line) => line.replace(/^.*\[ERROR\]\s*/, '').trim());
  // javac's first located error says most; an unreachable repository next; Maven's first ERROR else.
  const offline = errors.find((line) =>
    /Could not transfer|Unknown host|Connection refused|Network is unreachable|offline mode/i.test(line),
  );
  const firstError =
    errors.find((line) => /\.java:\[\d+/.test(line)) ??
    (offline ? `Maven could not reach its repository (offline?): ${offline.slice(0, 200)}` : undefined) ??
    errors.find((line) => line !== '');
  return new KafkaJavaError(
    `${what} with Maven failed (${firstError ?? `exit ${code}`}); Maven's output: ${logFile}`,
  );
}

async function requireTool(command: string, args: string[], install: string): Promise<void> {
  try {
    const code = await run(command, args, []);
    if (code === 0) return;
  } catch {
    // ENOENT: not installed; reported below
  }
  throw new KafkaJavaError(`${command} is needed to run Kafka's own code and was not found: ${install}`);
}

let pending: Promise<KafkaJava> | undefined;

/** The built programs, building them first when the cache has no build of these sources. */
export function ensureKafkaJava(): Promise<KafkaJava> {
  pending ??= build().catch((error) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

async function build(): Promise<KafkaJava> {
  const buildDir = join(cacheRoot(), 'kafka-java', sourceHash());
  const classpathFile = join(buildDir, 'classpath.txt');
  const ready = (dir: string): KafkaJava => ({
    buildDir: dir,
    classpath: [join(dir, JAR_NAME), readFileSync(join(dir, 'classpath.txt'), 'utf8').trim()].join(':'),
  });
  if (existsSync(classpathFile)) return ready(buildDir);

  await requireTool(
    'java',
    ['-version'],
    'install a JDK 17 or later (Debian: apt-get install openjdk-17-jdk-headless)',
  );
  await requireTool('mvn', ['-v'], 'install Apache Maven 3.8 or later (Debian: apt-get install maven)');

  const scratch = `${buildDir}.tmp-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const log: string[] = [];
  const maven = ['-B', '-q', `-Dkspec.build.dir=${scratch}`];
  let code = await run('mvn', [...maven, 'package'], log);
  if (code === 0) {
    code = await run(
      'mvn',
      [...maven, 'dependency:build-classpath', `-Dmdep.outputFile=${join(scratch, 'classpath.txt')}`],
      log,
    );
  }
  if (code !== 0) {
    rmSync(scratch, { recursive: true, force: true });
    throw mavenFailure(`building the Kafka ${KAFKA_VERSION} programs`, code, log);
  }
  try {
    renameSync(scratch, buildDir);
  } catch {
    // another process finished the same build first: use its copy
    rmSync(scratch, { recursive: true, force: true });
  }
  return ready(buildDir);
}

/** A resolved classpath: a whole Kafka 4.4 broker, or Kafka's command-line tools, with log4j2. */
export interface KafkaClasspath {
  readonly classpath: string;
}

const pendingClasspaths = new Map<string, Promise<KafkaClasspath>>();

/** Resolves a pom profile's dependencies once per process (a failed attempt may be retried). */
function ensureClasspath(profile: 'kafka-broker' | 'kafka-tools', what: string): Promise<KafkaClasspath> {
  let pending = pendingClasspaths.get(profile);
  if (!pending) {
    pending = resolveClasspath(profile, what).catch((error) => {
      pendingClasspaths.delete(profile);
      throw error;
    });
    pendingClasspaths.set(profile, pending);
  }
  return pending;
}

/**
 * Resolves kafka_2.13 and its runtime through the pom's `kafka-broker` profile into Maven's cache
 * and keeps the classpath in `kafka-broker/<hash>/classpath.txt` of the kspec cache. Only a
 * classpath: no build, so it needs Maven's repository, not javac.
 */
export function ensureKafkaBroker(): Promise<KafkaClasspath> {
  return ensureClasspath('kafka-broker', "Kafka's broker");
}

/** kafka-tools 4.4 (ConsumerGroupCommand, ConsoleConsumer, TopicCommand, DumpLogSegments), the same way. */
export function ensureKafkaTools(): Promise<KafkaClasspath> {
  return ensureClasspath('kafka-tools', "Kafka's tools");
}

/** Java on PATH, or a one-line KafkaJavaError saying how to install it (a cached classpath needs one too). */
export function requireJava(): Promise<void> {
  return requireTool(
    'java',
    ['-version'],
    'install a JDK 17 or later (Debian: apt-get install openjdk-17-jdk-headless)',
  );
}

async function resolveClasspath(profile: string, what: string): Promise<KafkaClasspath> {
  const dir = join(cacheRoot(), profile, sourceHash());
  const classpathFile = join(dir, 'classpath.txt');
  const ready = (): KafkaClasspath => ({ classpath: readFileSync(classpathFile, 'utf8').trim() });
  if (existsSync(classpathFile)) return ready();
  await requireTool(
    'java',
    ['-version'],
    'install a JDK 17 or later (Debian: apt-get install openjdk-17-jdk-headless)',
  );
  await requireTool('mvn', ['-v'], 'install Apache Maven 3.8 or later (Debian: apt-get install maven)');
  mkdirSync(dir, { recursive: true });
  const scratch = `${classpathFile}.tmp-${process.pid}`;
  const log: string[] = [];
  const code = await run(
    'mvn',
    [
      '-B',
      '-q',
      '-P',
      profile,
      'dependency:build-classpath',
      // the oracle programs' no-op slf4j binding would hide the broker's log
      '-DexcludeArtifactIds=slf4j-nop',
      '-Dmdep.includeScope=runtime',
      `-Dmdep.outputFile=${scratch}`,
    ],
    log,
  );
  if (code !== 0 || !existsSync(scratch)) {
    rmSync(scratch, { force: true });
    throw mavenFailure(`resolving Kafka ${KAFKA_VERSION}'s ${what.replace("Kafka's ", '')}`, code, log);
  }
  renameSync(scratch, classpathFile);
  return ready();
}

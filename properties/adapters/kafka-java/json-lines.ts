// The TypeScript side of kspec.JsonLines: one request per line on a Kafka program's stdin, one
// JSON answer per line on its stdout, as many answers as requests (the encoder and the producer
// probe run this way).
import { spawnSync } from 'node:child_process';
import { ensureKafkaJava, KafkaJavaError } from './jar.ts';

/** Runs `mainClass` of the Kafka programs over `requests`; its answers, one per request. */
export async function runJsonLines<A>(mainClass: string, requests: readonly unknown[]): Promise<A[]> {
  const { classpath } = await ensureKafkaJava();
  const input = requests.map((request) => JSON.stringify(request)).join('\n');
  const run = spawnSync('java', ['-cp', classpath, mainClass], {
    input: `${input}\n`,
    maxBuffer: 1 << 28,
    encoding: 'utf8',
  });
  if (run.error) throw new KafkaJavaError(`could not start java: ${run.error.message}`);
  if (run.status !== 0)
    throw new KafkaJavaError(`${mainClass} exited ${run.status}: ${run.stderr.slice(-2000)}`);
  const answers = run.stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as A);
  if (answers.length !== requests.length)
    throw new KafkaJavaError(`${mainClass} answered ${answers.length} of ${requests.length} requests`);
  return answers;
}

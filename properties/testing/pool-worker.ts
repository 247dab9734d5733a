// A worker for properties/check/worker-pool.test.ts. Jobs: 'ok:N' reports progress once and answers
// N; 'fail' throws, naming this process's id; 'hang' never answers; 'crash' exits with code 3.
// After a failed job the process waits for the next one, as real workers do: only a kill ends it.
import { serveJobs } from '../check/worker-pool.ts';

serveJobs<string, number>(async (job, progress) => {
  if (job === 'fail') throw new Error(`failing in process ${process.pid}`);
  if (job === 'hang') return new Promise<number>(() => setInterval(() => {}, 60_000));
  if (job === 'crash') process.exit(3);
  progress();
  return Number(job.slice('ok:'.length));
});

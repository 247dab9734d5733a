// What the soak watches of the broker process, read from Linux's /proc: resident memory (VmRSS),
// open file descriptors, and how many of them are sockets (client connections, listeners, the
// control port). Another process's /proc entries are readable by its owner.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface ProcessSample {
  readonly rssBytes: number;
  readonly openFds: number;
  readonly sockets: number;
}

export function sampleProcess(pid: number): ProcessSample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN);
  let openFds = 0;
  let sockets = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    openFds++;
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) sockets++;
    } catch {
      // closed between the listing and the look
    }
  }
  return { rssBytes: rssKb * 1024, openFds, sockets };
}

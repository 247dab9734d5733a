// Fault injection for the kafka: adapter, where the target offers a hook:
//   --fault-cmd 'CMD {kind} {broker}'  a shell command run per fault; {kind} is one of process-crash,
//                                      clean-shutdown, power-loss, disk-loss, restart, isolate, heal;
//                                      a non-zero exit makes the event `unsupported` with its stderr.
//   --control HOST:PORT                the control port of `kspec broker` (POST /fault).
// Without either, fault events are answered `unsupported` (and listed in the report).
import { exec } from 'node:child_process';

export type FaultKind =
  | 'process-crash'
  | 'clean-shutdown'
  | 'power-loss'
  | 'disk-loss'
  | 'restart'
  | 'isolate'
  | 'heal';

export interface FaultHook {
  readonly description: string;
  /** Resolves to an error text when the fault could not be applied. */
  inject(kind: FaultKind, broker: number | null): Promise<string | undefined>;
}

export function commandHook(template: string, timeoutMs = 60000): FaultHook {
  return {
    description: `fault command '${template}'`,
    inject: (kind, broker) =>
      new Promise((resolve) => {
        const command = template
          .replaceAll('{kind}', kind)
          .replaceAll('{broker}', broker === null ? '' : String(broker));
        exec(command, { timeout: timeoutMs }, (error, _stdout, stderr) =>
          resolve(
            error ? `'${command}' failed: ${String(stderr).trim().slice(-300) || error.message}` : undefined,
          ),
        );
      }),
  };
}

const CONTROL_FAULTS: Record<FaultKind, string | undefined> = {
  'process-crash': 'crash',
  'clean-shutdown': undefined,
  'power-loss': 'power-loss',
  'disk-loss': 'disk-loss',
  restart: 'restart',
  isolate: 'isolate',
  heal: 'heal',
};

export function controlPortHook(address: string): FaultHook {
  return {
    description: `kspec broker control port ${address}`,
    async inject(kind, broker) {
      const fault = CONTROL_FAULTS[kind];
      if (!fault) return `the control port has no ${kind}`;
      try {
        const response = await fetch(`http://${address}/fault`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(broker === null ? { fault } : { fault, broker }),
          signal: AbortSignal.timeout(60000),
        });
        if (response.ok) return undefined;
        return `control port answered ${response.status}: ${(await response.text()).trim()}`;
      } catch (error) {
        return `control port ${address}: ${(error as Error).message}`;
      }
    },
  };
}

// The switches of the mutant catalog (spec/mutants.ts): known bugs the reference cluster can be
// put into with `kspec.mutant=<name>`, so `kspec mutants` can show the checker catches each one.
// Off by default and free when off: a cluster reads the setting once, at construction, into the
// set below; each site asks with `mutant('name')`, which is one size test while the set is empty.
// The set is process-wide (the sites sit deep in the coordinator, log and replication code, where
// threading a flag through every constructor would cost more than the bugs it plants); a cluster
// built without the setting clears it, so one process runs one mutant at a time.
import type { Config } from '../../spec/config.ts';
import { MUTANT_NAMES, type MutantName } from '../../spec/mutants.ts';

const NONE: ReadonlySet<MutantName> = new Set();
let active: ReadonlySet<MutantName> = NONE;

/** Reads `kspec.mutant` from a cluster's config; `none` or absent switches every mutant off. */
export function activateMutants(config: Config): void {
  const name = config['kspec.mutant'];
  if (name === undefined || name === 'none') {
    active = NONE;
    return;
  }
  if (!(MUTANT_NAMES as readonly unknown[]).includes(name))
    throw new Error(`unknown mutant '${String(name)}' (expected one of: ${MUTANT_NAMES.join(', ')})`);
  active = new Set([name as MutantName]);
}

/** Whether the named bug is switched on (the hook at each site). */
export function mutant(name: MutantName): boolean {
  return active.size !== 0 && active.has(name);
}

/** The switched-on mutants (for the cluster's name in capabilities and for logs). */
export function activeMutants(): readonly MutantName[] {
  return [...active];
}

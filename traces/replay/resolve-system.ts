// Which system a replay runs against. `--adapter` strings are resolved by the checker's resolver
// (properties/adapters/resolve.ts) when it exists, so `kspec check` and `kspec replay` accept the
// same adapters; until then: the reference cluster (impl/adapter, the default) and `module:PATH`.
// Nothing is faked: a missing system is an error that says what is missing.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SystemUnderTest } from '../../spec/sut.ts';

export const DEFAULT_ADAPTER = 'reference';

/** A system that cannot be had (not built yet, unknown name); the CLI exits 2 with the message. */
export class SystemUnavailable extends Error {
  override name = 'SystemUnavailable';
}

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const RESOLVER = here('../../properties/adapters/resolve.ts');
const REFERENCE = here('../../impl/adapter/index.ts');
const MODULE_ADAPTER = here('../../properties/adapters/module.ts');

/** The resolver answers a factory (`{ name, create() }`) or, failing that, a system itself. */
type Resolved = SystemUnderTest | { name: string; create(): Promise<SystemUnderTest> | SystemUnderTest };
type Resolver = (name: string) => Promise<Resolved> | Resolved;

const isFactory = (value: Resolved): value is Exclude<Resolved, SystemUnderTest> =>
  typeof (value as { create?: unknown }).create === 'function';

async function viaResolver(name: string): Promise<SystemUnderTest | undefined> {
  if (!existsSync(RESOLVER)) return undefined;
  const module = (await import(pathToFileURL(RESOLVER).href)) as Record<string, unknown>;
  const resolve = (module.resolveAdapter ?? module.default) as Resolver | undefined;
  if (typeof resolve !== 'function') return undefined;
  const resolved = await resolve(name);
  return isFactory(resolved) ? await resolved.create() : resolved;
}

/** The reference cluster, in process; whether it is built yet is checked, not assumed. */
export async function referenceSystem(options: Record<string, unknown> = {}): Promise<SystemUnderTest> {
  if (!existsSync(REFERENCE))
    throw new SystemUnavailable(
      'the reference cluster adapter (impl/adapter/index.ts) is not built yet; pass --adapter module:PATH',
    );
  const module = (await import(pathToFileURL(REFERENCE).href)) as Record<string, unknown>;
  if (typeof module.createReferenceSystem !== 'function')
    throw new SystemUnavailable('impl/adapter/index.ts does not export createReferenceSystem yet');
  return await (
    module.createReferenceSystem as (o: Record<string, unknown>) => Promise<SystemUnderTest> | SystemUnderTest
  )(options);
}

/** Whether the default system can be built in this checkout (tests skip replays when it cannot). */
export async function referenceAvailable(): Promise<boolean> {
  if (!existsSync(REFERENCE)) return false;
  const module = (await import(pathToFileURL(REFERENCE).href)) as Record<string, unknown>;
  return typeof module.createReferenceSystem === 'function';
}

export async function resolveSystem(name: string = DEFAULT_ADAPTER): Promise<SystemUnderTest> {
  const resolved = await viaResolver(name);
  if (resolved) return resolved;
  if (name === DEFAULT_ADAPTER) return referenceSystem();
  if (name.startsWith('module:')) {
    const { loadModuleSystem } = (await import(pathToFileURL(MODULE_ADAPTER).href)) as {
      loadModuleSystem: (path: string) => Promise<SystemUnderTest>;
    };
    return loadModuleSystem(name.slice('module:'.length));
  }
  throw new SystemUnavailable(`unknown adapter '${name}' (known here: ${DEFAULT_ADAPTER}, module:PATH)`);
}

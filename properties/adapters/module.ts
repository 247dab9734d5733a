// `--adapter module:PATH`: a JavaScript or TypeScript module that exports a system under test,
// loaded in this process. The module exports `createSystem(options)` (a factory, called once per
// adapter) or a default export that is such a factory or a SystemUnderTest object.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SystemUnderTest } from '../../spec/index.ts';
import { AdapterError } from './stdio/protocol.ts';

const METHODS = ['capabilities', 'reset', 'apply', 'close'] as const;

function assertSystem(value: unknown, path: string): SystemUnderTest {
  if (typeof value !== 'object' || value === null)
    throw new AdapterError(`module ${path} did not produce an object`);
  const missing = METHODS.filter(
    (method) => typeof (value as Record<string, unknown>)[method] !== 'function',
  );
  if (missing.length > 0)
    throw new AdapterError(
      `module ${path} does not implement SystemUnderTest: missing ${missing.join(', ')}`,
    );
  return value as SystemUnderTest;
}

export async function loadModuleSystem(
  path: string,
  options: Record<string, unknown> = {},
): Promise<SystemUnderTest> {
  const absolute = resolve(path);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    throw new AdapterError(`cannot load module adapter ${absolute}: ${(error as Error).message}`);
  }
  const exported = module.createSystem ?? module.default;
  if (exported === undefined)
    throw new AdapterError(`module ${absolute} exports neither createSystem nor a default export`);
  const system =
    typeof exported === 'function' ? await (exported as (o: unknown) => unknown)(options) : exported;
  return assertSystem(system, absolute);
}

// One API as data: its key, name, the version range this project speaks, and the request and
// response grammars. The registry (registry.ts) lists every API once; the server, the client and
// the ApiVersions answer all read that one list.
import type { StructType } from './schema.ts';

export interface ApiDefinition<
  Request extends StructType<any> = StructType<any>,
  Response extends StructType<any> = StructType<any>,
> {
  readonly key: number;
  readonly name: string;
  readonly minVersion: number;
  readonly maxVersion: number;
  readonly request: Request;
  readonly response: Response;
}

export function defineApi<Request extends StructType<any>, Response extends StructType<any>>(
  definition: ApiDefinition<Request, Response>,
): ApiDefinition<Request, Response> {
  const { name, minVersion, maxVersion } = definition;
  if (!Number.isInteger(minVersion) || minVersion < 0 || maxVersion < minVersion) {
    throw new Error(`${name}: bad version range ${minVersion}-${maxVersion}`);
  }
  return Object.freeze({ ...definition });
}

export function supportsVersion(api: ApiDefinition, version: number): boolean {
  return version >= api.minVersion && version <= api.maxVersion;
}

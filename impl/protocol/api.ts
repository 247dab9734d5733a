// One API as data: its key, name, the version range this project speaks, and the request and
// response grammars. The registry (registry.ts) lists every API once; the server, the client and
// the ApiVersions answer all read that one list.
import type { AnyType, StructType } from './schema.ts';

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
  /** The first flexible version (request header v2, response header v1); Infinity when none. */
  readonly flexibleFrom: number;
}

/** Tagged fields exist only in flexible versions: one declared earlier is a grammar bug. */
function checkTags(type: AnyType, flexibleFrom: number, path: string): void {
  const shape = type.shape;
  if (shape.kind === 'array') checkTags(shape.element, flexibleFrom, path);
  if (shape.kind === 'nullable') checkTags(shape.inner, flexibleFrom, path);
  if (shape.kind !== 'struct') return;
  for (const [name, spec] of Object.entries(shape.fields)) {
    if (spec.tag !== undefined && spec.from < flexibleFrom)
      throw new Error(`${path}.${name}: tagged from v${spec.from}, before the first flexible version`);
    checkTags(spec.type, flexibleFrom, `${path}.${name}`);
  }
}

export function defineApi<Request extends StructType<any>, Response extends StructType<any>>(
  definition: Omit<ApiDefinition<Request, Response>, 'flexibleFrom'>,
): ApiDefinition<Request, Response> {
  const { name, minVersion, maxVersion, request, response } = definition;
  if (!Number.isInteger(minVersion) || minVersion < 0 || maxVersion < minVersion) {
    throw new Error(`${name}: bad version range ${minVersion}-${maxVersion}`);
  }
  const flexibleFrom = request.flexibleFrom ?? Number.POSITIVE_INFINITY;
  if ((response.flexibleFrom ?? Number.POSITIVE_INFINITY) !== flexibleFrom)
    throw new Error(`${name}: request and response disagree on the first flexible version`);
  checkTags(request, flexibleFrom, `${name}Request`);
  checkTags(response, flexibleFrom, `${name}Response`);
  return Object.freeze({ ...definition, flexibleFrom });
}

export function supportsVersion(api: ApiDefinition, version: number): boolean {
  return version >= api.minVersion && version <= api.maxVersion;
}

/** Whether `version` of `api` is flexible (KIP-482). */
export function isFlexible(api: ApiDefinition, version: number): boolean {
  return version >= api.flexibleFrom;
}

// The stdio adapter protocol: JSON lines over a child process's stdin/stdout (spec/ADAPTERS.md).
// One request per line from kspec, one response per line from the adapter, matched by `id`.

export type StdioMethod = 'capabilities' | 'reset' | 'apply' | 'inspect' | 'close';

export interface StdioRequest {
  readonly id: number;
  readonly method: StdioMethod;
  readonly params?: unknown;
}

export type StdioResponse =
  | { readonly id: number; readonly result: unknown }
  | { readonly id: number; readonly error: { readonly message: string } };

/** A broken adapter process: it hung, printed something that is not the protocol, or exited. */
export class AdapterError extends Error {
  override name = 'AdapterError';
}

/** Parses one line from an adapter; throws AdapterError saying what is wrong with it. */
export function parseResponseLine(line: string): StdioResponse {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new AdapterError(`adapter printed a line that is not JSON: ${JSON.stringify(line.slice(0, 200))}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new AdapterError(`adapter printed ${JSON.stringify(line.slice(0, 200))}, expected a JSON object`);
  const message = value as Record<string, unknown>;
  if (typeof message.id !== 'number')
    throw new AdapterError(`adapter response has no numeric "id": ${line.slice(0, 200)}`);
  const hasResult = 'result' in message;
  const hasError = 'error' in message;
  if (hasResult === hasError)
    throw new AdapterError(`adapter response ${message.id} must have exactly one of "result" and "error"`);
  if (hasError) {
    const error = message.error as { message?: unknown } | null;
    if (typeof error !== 'object' || error === null || typeof error.message !== 'string')
      throw new AdapterError(`adapter response ${message.id} has an "error" without a string "message"`);
  }
  return message as unknown as StdioResponse;
}

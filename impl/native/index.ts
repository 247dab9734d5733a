// The sendfile addon, loaded if it was built (impl/native/build.js runs at install time). Loading
// never throws: `loadSendfile()` returns the addon or the reason it is unavailable, so the broker
// can fall back to the copy path with a warning.
import { createRequire } from 'node:module';

export interface SendfileResult {
  bytes: number;
  /** sendfile(2) calls made; more than one means the socket buffer filled and we waited. */
  calls: number;
}

export interface SendfileAddon {
  /**
   * Sends `length` bytes of `fileFd` from `position` to the socket `socketFd` with sendfile(2), on
   * the libuv threadpool. Nothing else may write to the socket until the promise settles.
   */
  transfer(
    socketFd: number,
    fileFd: number,
    position: number,
    length: number,
    timeoutMs: number,
  ): Promise<SendfileResult>;
}

export type SendfileLoad =
  | { addon: SendfileAddon; reason?: undefined }
  | { addon?: undefined; reason: string };

let cached: SendfileLoad | undefined;

export function loadSendfile(): SendfileLoad {
  if (cached) return cached;
  if (process.platform !== 'linux') {
    cached = { reason: `sendfile(2) path is Linux-only (platform ${process.platform})` };
    return cached;
  }
  try {
    const require = createRequire(import.meta.url);
    const addon = require('./build/Release/kspec_sendfile.node') as SendfileAddon;
    cached = typeof addon.transfer === 'function' ? { addon } : { reason: 'addon has no transfer()' };
  } catch (error) {
    cached = { reason: `addon not loadable: ${(error as Error).message.split('\n')[0]}` };
  }
  return cached;
}

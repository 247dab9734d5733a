// The real file system: node:fs synchronous calls on file descriptors.
import * as nodeFs from 'node:fs';
import type { FileHandle, FileSystem } from './file-system.ts';

class RealFileHandle implements FileHandle {
  private closed = false;
  constructor(
    readonly path: string,
    readonly fd: number,
  ) {}

  size(): number {
    return nodeFs.fstatSync(this.fd).size;
  }
  read(buffer: Buffer, offset: number, length: number, position: number): number {
    let total = 0;
    while (total < length) {
      const n = nodeFs.readSync(this.fd, buffer, offset + total, length - total, position + total);
      if (n === 0) break;
      total += n;
    }
    return total;
  }
  write(data: Buffer, position: number): void {
    let written = 0;
    while (written < data.length) {
      written += nodeFs.writeSync(this.fd, data, written, data.length - written, position + written);
    }
  }
  truncate(length: number): void {
    nodeFs.ftruncateSync(this.fd, length);
  }
  sync(): void {
    nodeFs.fsyncSync(this.fd);
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    nodeFs.closeSync(this.fd);
  }
}

export class RealFileSystem implements FileSystem {
  open(path: string, options: { create?: boolean } = {}): FileHandle {
    const flags = options.create
      ? nodeFs.constants.O_RDWR | nodeFs.constants.O_CREAT
      : nodeFs.constants.O_RDWR;
    return new RealFileHandle(path, nodeFs.openSync(path, flags, 0o644));
  }
  exists(path: string): boolean {
    return nodeFs.existsSync(path);
  }
  list(directory: string): string[] {
    return nodeFs.readdirSync(directory).sort();
  }
  mkdir(directory: string): void {
    nodeFs.mkdirSync(directory, { recursive: true });
  }
  remove(path: string): void {
    nodeFs.rmSync(path, { force: true });
  }
  rename(from: string, to: string): void {
    nodeFs.renameSync(from, to);
  }
  readFile(path: string): Buffer {
    return nodeFs.readFileSync(path);
  }
}

/**
 * Atomic file output: write to a temporary file beside the target, then rename, so that a
 * failure never leaves a half-written file.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

let counter = 0;

export function tempPathFor(path: string): string {
  counter++;
  return join(dirname(path), `.helixlab-tmp-${process.pid}-${counter}-${basename(path)}`);
}

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path) || '.', { recursive: true });
  const tmp = tempPathFor(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

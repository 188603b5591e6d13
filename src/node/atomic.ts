/**
 * Atomic file output: write to a temporary file beside the target, then rename it over the target,
 * so that a failure or a `kill -9` never leaves a half-written file: the target holds either its
 * old bytes or all of the new ones.
 *
 * The rename only ever replaces a regular file (or creates a new one). `prepareOutput` checks
 * the target first and refuses, with an `InputError` (exit 2) naming the target as the user gave it:
 * - a path ending in `/` (it names a directory), an existing directory;
 * - a device (`/dev/null`, a terminal), a named pipe (FIFO) or a socket: renaming over them would
 *   replace them with a regular file (as root, `/dev/null` itself). Write to stdout instead (`-`);
 * - a parent that is a file, or a missing parent that cannot be created.
 * A symbolic link to a regular file is followed: the file it points at is replaced and the link stays.
 * Missing parent directories are created one by one (not with `mkdir -p`, which loops forever on
 * some kernel file systems such as `/proc`).
 *
 * Errors of the file system while writing — permission denied, a read-only file system, no space
 * left, too many links — are reported the same way ({@link outputError}), and the temporary file is
 * removed; the target is untouched. A temporary file is named `.helixlab-tmp-<pid>-<n>-<name>`; one left
 * by a process killed with `kill -9` is removed by the next write to the same target.
 *
 * Testing hook: with the environment variable `HELIXLAB_FAIL_WRITE_AFTER=<bytes>`, the writes of
 * this module fail with ENOSPC ("no space left on device") once that many bytes have been written
 * by the process. The chaos tests use it where a small tmpfs cannot be mounted.
 */
import {
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { createHash, type Hash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../model/errors.js';

let counter = 0;
const TMP_PREFIX = '.helixlab-tmp-';

/** A fresh temporary file name beside `path` (same directory, so the rename is atomic). */
export function tempPathFor(path: string): string {
  counter++;
  return join(dirname(path), `${TMP_PREFIX}${process.pid}-${counter}-${basename(path)}`);
}

/** An output problem: exit 2, naming the target as the user gave it. */
export function outputError(target: string, message: string, code = 'bad-output'): InputError {
  return new InputError([{ severity: 'error', code, file: target, message }]);
}

/** A file-system error while writing `target`, in words (undefined for unexpected errors). */
function describeFsError(e: unknown): string | undefined {
  const code = (e as { code?: string } | null)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ENAMETOOLONG':
      return 'the file name is too long';
    case 'EMLINK':
    case 'ENFILE':
    case 'EMFILE':
      return 'too many open files or links';
    case 'EXDEV':
      return 'the temporary file is on another file system';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EIO':
      return 'input/output error';
    case 'ENOENT':
      return 'the file system does not let a file be created there';
    case 'EINVAL':
      return 'the file system does not support this';
    default:
      return undefined;
  }
}

/** Wrap a file-system error of writing `target` as an {@link outputError}; other errors pass through. */
export function wrapWriteError(target: string, e: unknown): unknown {
  if (e instanceof InputError) return e;
  const what = describeFsError(e);
  if (what === undefined) return e;
  return outputError(target, `cannot write: ${what} (nothing was changed)`);
}

function kindOf(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'is a directory; give a file name';
  if (st.isCharacterDevice() || st.isBlockDevice())
    return "is a device, not a regular file: HelixLab writes a temporary file and renames it over the target, which would replace the device; write to a regular file, or to stdout with '-'";
  if (st.isFIFO())
    return "is a named pipe (FIFO), not a regular file: HelixLab writes a temporary file and renames it over the target, which would replace the pipe; write to stdout with '-' and redirect it";
  if (st.isSocket()) return 'is a socket, not a regular file';
  return 'is not a regular file';
}

/**
 * Make sure `dir` is a directory, creating the missing ones above it one by one; problems throw an
 * `InputError` naming `target` (default `dir`).
 */
export function ensureDirectory(dir: string, target: string = dir): void {
  const missing: string[] = [];
  let d = dir === '' ? '.' : dir;
  for (;;) {
    let st: Stats | undefined;
    try {
      st = statSync(d);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== 'ENOENT') {
        if (code === 'ENOTDIR') throw outputError(target, `cannot create the directory '${d}': a part of the path is a file`);
        throw wrapWriteError(target, e);
      }
    }
    if (st) {
      if (!st.isDirectory()) throw outputError(target, `cannot write: '${d}' is not a directory`);
      break;
    }
    missing.push(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const m of missing.reverse()) {
    try {
      mkdirSync(m);
    } catch (e) {
      if ((e as { code?: string }).code === 'EEXIST') continue;
      throw outputError(target, `cannot create the directory '${m}': ${describeFsError(e) ?? (e as Error).message}`);
    }
  }
}

/**
 * Check an output target and return the path to rename over: the target itself, or for a
 * symbolic link to a regular file the file it points at. Creates missing parent directories.
 * Throws an `InputError` (exit 2) for every target that is not a regular file or a new path.
 */
export function prepareOutput(target: string): string {
  if (target === '') throw outputError('(empty)', 'the output path is empty');
  if (/[\\/]$/.test(target)) throw outputError(target, 'names a directory (it ends with a slash); give a file name');
  let path = target;
  let st: Stats | undefined;
  try {
    st = lstatSync(target);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOTDIR') throw outputError(target, 'cannot write: a part of the path is a file, not a directory');
    if (code !== 'ENOENT') throw wrapWriteError(target, e);
  }
  if (st?.isSymbolicLink()) {
    try {
      path = realpathSync(target);
      st = statSync(path);
    } catch {
      throw outputError(target, 'is a symbolic link to a missing file; write to a regular file');
    }
  }
  if (st) {
    const what = kindOf(st);
    if (what !== undefined) throw outputError(target, what);
  }
  ensureDirectory(dirname(path), target);
  removeStaleTemps(path);
  return path;
}

/** Is a process with this id alive? */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/** Remove temporary files of `path` left by processes that no longer run (kill -9). */
function removeStaleTemps(path: string): void {
  const dir = dirname(path);
  const name = basename(path);
  let entries: string[];
  try {
    entries = readdirSync(dir === '' ? '.' : dir);
  } catch {
    return;
  }
  for (const e of entries) {
    if (!e.startsWith(TMP_PREFIX) || !e.endsWith(`-${name}`)) continue;
    const m = /^\.helixlab-tmp-(\d+)-\d+-(.*)$/.exec(e);
    if (!m || m[2] !== name || alive(Number(m[1]))) continue;
    rmSync(join(dir, e), { force: true });
  }
}

// ------------------------------------------------------------------------------------------------
// Writing, with the fault-injection hook of the module doc
// ------------------------------------------------------------------------------------------------

let written = 0;
function failAfter(): number | undefined {
  const v = process.env['HELIXLAB_FAIL_WRITE_AFTER'];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Write all of `buf` to `fd` (the fault-injection hook counts the bytes). */
export function writeAll(fd: number, buf: Uint8Array): void {
  const limit = failAfter();
  let off = 0;
  while (off < buf.length) {
    let len = buf.length - off;
    if (limit !== undefined) {
      if (written >= limit) {
        const e = new Error('ENOSPC: no space left on device, write') as Error & { code: string };
        e.code = 'ENOSPC';
        throw e;
      }
      len = Math.min(len, limit - written);
    }
    const n = writeSync(fd, buf, off, len);
    off += n;
    written += n;
  }
}

/**
 * Write `data` to `path` atomically (temp file + rename), after `prepareOutput`'s checks.
 * Problems of the target or the file system throw an `InputError` naming `path`.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const real = prepareOutput(path);
  const tmp = tempPathFor(real);
  let fd = -1;
  try {
    fd = openSync(tmp, 'w');
    writeAll(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
    closeSync(fd);
    fd = -1;
    renameSync(tmp, real);
  } catch (err) {
    if (fd >= 0) closeSync(fd);
    rmSync(tmp, { force: true });
    throw wrapWriteError(path, err);
  }
}

/**
 * Streams text into a temporary file and renames it over `path` on {@link commit}; {@link abort}
 * (or any failure) removes the temporary file and leaves `path` as it was. Keeps the SHA-256 of
 * what it wrote ({@link sha256}) for manifests that checksum their files.
 */
export class AtomicWriter {
  private readonly tmp: string;
  private readonly real: string;
  private fd: number;
  private buf = '';
  private readonly hash: Hash = createHash('sha256');
  private digest: string | undefined;
  /** `tmp`: the temporary file (default: a fresh name beside `path`; same file system as `path`). */
  constructor(
    private readonly path: string,
    tmp?: string,
  ) {
    this.real = prepareOutput(path);
    this.tmp = tmp ?? tempPathFor(this.real);
    ensureDirectory(dirname(this.tmp), path);
    try {
      this.fd = openSync(this.tmp, 'w');
    } catch (e) {
      throw wrapWriteError(path, e);
    }
  }
  write(text: string): void {
    this.buf += text;
    if (this.buf.length > 1 << 16) this.flush();
  }
  private flush(): void {
    if (this.buf) {
      const bytes = Buffer.from(this.buf, 'utf8');
      this.hash.update(bytes);
      try {
        writeAll(this.fd, bytes);
      } catch (e) {
        throw wrapWriteError(this.path, e);
      }
    }
    this.buf = '';
  }
  /** SHA-256 (hex) of everything written; call after {@link commit} or {@link finish}. */
  get sha256(): string {
    this.digest ??= this.hash.digest('hex');
    return this.digest;
  }
  /** Flush and close the temporary file (still not renamed): everything written is on disk. */
  finish(): void {
    if (this.fd < 0) return;
    this.flush();
    try {
      fsyncSync(this.fd);
    } catch (e) {
      throw wrapWriteError(this.path, e);
    }
    closeSync(this.fd);
    this.fd = -1;
  }
  commit(): void {
    this.finish();
    try {
      renameSync(this.tmp, this.real);
    } catch (e) {
      throw wrapWriteError(this.path, e);
    }
  }
  abort(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    rmSync(this.tmp, { force: true });
  }
}

/**
 * Write text given in pieces to `path` atomically (temp file + rename; nothing is left half-written
 * when a piece throws): for outputs longer than one JavaScript string can hold.
 */
export function writeChunksAtomic(path: string, chunks: Iterable<string>): void {
  const w = new AtomicWriter(path);
  try {
    for (const c of chunks) w.write(c);
    w.commit();
  } catch (e) {
    w.abort();
    throw e;
  }
}

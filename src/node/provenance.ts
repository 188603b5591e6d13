/**
 * Provenance of results written by the Node layer: HelixLab and Node versions, the git commit of the
 * checkout when HelixLab runs from a clone, and the input files. The scenario parameters, seeds and
 * runs are added by the library (`ProvenanceBase` → `Provenance` in src/scenario/simulate.ts).
 *
 * The commit is read from the `.git` directory beside the package (HEAD, then the ref it names,
 * loose or packed), without running git. `HELIXLAB_GIT_COMMIT` overrides it (an empty value omits it),
 * e.g. to compare outputs across commits byte for byte.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProvenanceBase } from '../scenario/simulate.js';
import { helixlabVersion } from './version.js';

let cachedCommit: string | null | undefined;

/** The commit of the HelixLab checkout (null when not run from a git clone). */
export function gitCommit(): string | null {
  const env = process.env.HELIXLAB_GIT_COMMIT;
  if (env !== undefined) return env === '' ? null : env;
  if (cachedCommit !== undefined) return cachedCommit;
  cachedCommit = null;
  try {
    // dist/node/provenance.js → the package root is two levels up
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
    let git = join(root, '.git');
    if (existsSync(git) && statSync(git).isFile()) {
      // a worktree: ".git" is a file "gitdir: <path>"
      const m = /^gitdir:\s*(.+)$/m.exec(readFileSync(git, 'utf8'));
      if (m?.[1]) git = resolve(root, m[1].trim());
    }
    if (!existsSync(join(git, 'HEAD'))) return cachedCommit;
    const head = readFileSync(join(git, 'HEAD'), 'utf8').trim();
    const ref = /^ref:\s*(.+)$/.exec(head)?.[1];
    if (!ref) return (cachedCommit = /^[0-9a-f]{40}$/.test(head) ? head : null);
    // a worktree's refs live in the common directory
    const common = existsSync(join(git, 'commondir')) ? resolve(git, readFileSync(join(git, 'commondir'), 'utf8').trim()) : git;
    for (const dir of [git, common]) {
      const loose = join(dir, ref);
      if (existsSync(loose)) return (cachedCommit = readFileSync(loose, 'utf8').trim());
      const packed = join(dir, 'packed-refs');
      if (existsSync(packed)) {
        for (const line of readFileSync(packed, 'utf8').split('\n')) {
          const [sha, name] = line.split(' ');
          if (name === ref && sha && /^[0-9a-f]{40}$/.test(sha)) return (cachedCommit = sha);
        }
      }
    }
  } catch {
    // not a clone, or unreadable: no commit
  }
  return cachedCommit;
}

/** Versions, commit and the input files, for `SimulateOptions.provenance` and manifests. */
export function provenanceBase(files?: readonly (string | null)[]): ProvenanceBase {
  const out: ProvenanceBase = { helixlab: helixlabVersion(), node: process.version, gitCommit: gitCommit() };
  if (files) out.files = [...files];
  return out;
}

/**
 * The HelixLab version (from the package's package.json) and the Node version, as written into
 * `--version`, manifests and provenance.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gitCommit } from './provenance.js';

let cached: string | undefined;

/** HelixLab's version, read once from its package.json ('0.0.0' when it cannot be found). */
export function helixlabVersion(): string {
  if (cached !== undefined) return cached;
  const here = dirname(fileURLToPath(import.meta.url));
  cached = '0.0.0';
  // dist/node/version.js → the package root is two levels up (three from a nested build)
  for (const p of [join(here, '..', '..', 'package.json'), join(here, '..', '..', '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'helixlab' && pkg.version) {
        cached = pkg.version;
        break;
      }
    } catch {
      /* try the next */
    }
  }
  return cached;
}

/** HelixLab and Node versions and the git commit of the checkout (provenance.ts), for manifests. */
export function batchVersions(): { helixlab: string; node: string; gitCommit: string | null } {
  return { helixlab: helixlabVersion(), node: process.version, gitCommit: gitCommit() };
}

/** Running the built CLI (`dist/cli/main.js`) from tests. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const root = process.cwd();
export const cli = resolve(root, 'dist/cli/main.js');

/**
 * Run the CLI without blocking the test worker's event loop. The reports are in English whatever the
 * machine's locale (`HELIXLAB_LANG=en`) unless `env` says otherwise.
 */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HELIXLAB_LANG: 'en', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', rej);
    child.on('close', (code) => res({ code, stdout, stderr }));
  });
}

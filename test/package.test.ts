/**
 * The package as a user gets it: `npm pack` (once), installed into an empty folder from the npm
 * cache (`--offline`; when the cache lacks the registry's metadata, as after an `npm ci` from a
 * lockfile without URLs, `--prefer-offline` fetches only that), then one CLI call on a bundled sample
 * reached through the package, and a TypeScript consumer compiled against the package's types
 * (both entries, the i18n catalogue, the exported data path) and run. About 20 s.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = process.cwd();
const hasNpm = spawnSync('npm', ['--version'], { encoding: 'utf8' }).status === 0;
let dir = '';
let consumer = '';

function npm(args: string[], cwd: string) {
  return spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
}

describe.skipIf(!hasNpm || !existsSync(join(root, 'dist', 'index.d.ts')))('npm pack, installed in an empty folder', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'helixlab-pack-'));
    const packed = npm(['pack', '--ignore-scripts', '--pack-destination', dir], root);
    expect(packed.status, packed.stderr).toBe(0);
    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    consumer = join(dir, 'consumer');
    execFileSync('mkdir', ['-p', consumer]);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const base = ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', join(dir, tgz)];
    let r = npm([...base, '--offline'], consumer);
    if (r.status !== 0 && /ENOTCACHED/.test(r.stderr)) r = npm([...base, '--prefer-offline'], consumer);
    expect(r.status, r.stderr).toBe(0);
  }, 240_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds the LICENSE, the README, dist, data, scenarios and schemas, and no sources or tests', () => {
    const pkg = join(consumer, 'node_modules', 'helixlab');
    for (const f of [
      'LICENSE',
      'README.md',
      'package.json',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/node/index.d.ts',
      'dist/cli/main.js',
    ]) {
      expect(existsSync(join(pkg, f)), f).toBe(true);
    }
    for (const f of [
      'data/tiny.json',
      'data/tiny.xlsx',
      'data/survey-tiny-2024.csv',
      'scenarios/permanent.json',
      'schemas/network.schema.json',
    ]) {
      expect(existsSync(join(pkg, f)), f).toBe(true);
    }
    for (const f of ['src', 'test', 'viz', 'Dockerfile']) expect(existsSync(join(pkg, f)), f).toBe(false);
  });

  it('the installed CLI runs on a bundled sample', () => {
    const bin = join(consumer, 'node_modules', '.bin', 'helixlab');
    const r = spawnSync(bin, ['info', 'node_modules/helixlab/data/tiny.json', '--format', 'json'], { cwd: consumer, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).actors).toBe(12);
  });

  it('a TypeScript consumer compiles against both entries and runs, reaching the data through the package exports', () => {
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [resolve(root, 'node_modules', '@types')],
          outDir: 'out',
        },
        files: ['main.ts'],
      }),
    );
    writeFileSync(
      join(consumer, 'main.ts'),
      [
        "import { createRequire } from 'node:module';",
        "import { analyzeNetwork, messages, numberFormats, type AnalysisResult, type Locale } from 'helixlab';",
        "import { bundledSamples, readNetworkFiles } from 'helixlab/node';",
        "const tiny: string = createRequire(import.meta.url).resolve('helixlab/data/tiny.json');",
        'const { network } = readNetworkFiles([tiny]);',
        'const r: AnalysisResult = analyzeNetwork(network, { seed: 1 });',
        "const lang: Locale = 'fi';",
        'const samples = bundledSamples().length;',
        'console.log(JSON.stringify({ actors: r.graph.order, title: messages(lang).analysis.headlineTitle, money: numberFormats(lang).money(75000), samples }));',
        '',
      ].join('\n'),
    );
    const tsc = spawnSync(process.execPath, [resolve(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', consumer], {
      encoding: 'utf8',
    });
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
    const run = spawnSync(process.execPath, [join(consumer, 'out', 'main.js')], { cwd: consumer, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { actors: number; title: string; money: string; samples: number };
    expect(out).toMatchObject({ actors: 12, title: 'Yhteenveto', money: '75\u00a0000\u00a0€' });
    expect(out.samples).toBeGreaterThan(10);
  });
});

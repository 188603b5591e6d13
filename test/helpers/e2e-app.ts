/**
 * Shared set-up of the browser app's end-to-end tests: build `viz/dist` when it is older than its
 * sources (once, under a lock, so that test files running side by side do not build twice),
 * serve it on 127.0.0.1 (with optional extra routes), launch Debian's Chromium with
 * playwright-core, and small helpers that read what the page shows (actors' viewport positions,
 * pixels of a screenshot).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const root = process.cwd();
export const dist = resolve(root, 'viz/dist');
export const artifacts = resolve(root, 'test-artifacts');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Newest modification time under the given paths (files or directories, recursively). */
function newest(paths: string[]): number {
  let t = 0;
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const f of readdirSync(p)) walk(join(p, f));
    else t = Math.max(t, st.mtimeMs);
  };
  paths.forEach(walk);
  return t;
}

/**
 * Build the static app (as `npm run build:viz`) unless viz/dist is newer than every source it is
 * built from, and the CLI when dist/ is missing. A lock directory keeps parallel test files from
 * building at the same time.
 */
export async function ensureBuilt(): Promise<void> {
  const lock = resolve(root, 'test-artifacts/.viz-build.lock');
  mkdirSync(artifacts, { recursive: true });
  const t0 = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - t0 > 170_000) break; // a stale lock: build anyway
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    const sources = ['viz/src', 'viz/index.html', 'viz/vite.config.ts', 'src', 'data', 'scenarios'].map((p) => resolve(root, p));
    const built = resolve(dist, 'index.html');
    if (!existsSync(built) || statSync(built).mtimeMs < newest(sources)) {
      const { build } = await import('vite');
      await build({ configFile: resolve(root, 'viz/vite.config.ts'), logLevel: 'warn' });
    }
    if (!existsSync(resolve(root, 'dist/cli/main.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'ignore' });
  } finally {
    try {
      rmdirSync(lock);
    } catch {
      /* already gone */
    }
  }
}

export interface Served {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serve a directory on 127.0.0.1 (a free port). `extra(path)` may answer a path first (bytes and a
 * content type, or a status); `cors` adds `Access-Control-Allow-Origin: *`.
 */
export async function serve(
  dir: string,
  opts: { cors?: boolean; extra?: (path: string) => { status?: number; body?: Buffer | string; type?: string } | null } = {},
): Promise<Served> {
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const headers: Record<string, string> = opts.cors ? { 'access-control-allow-origin': '*' } : {};
    const x = opts.extra?.(p);
    if (x) {
      res.writeHead(x.status ?? 200, { ...headers, 'content-type': x.type ?? 'application/octet-stream' });
      res.end(x.body ?? '');
      return;
    }
    if (p.endsWith('/')) p += 'index.html';
    const file = join(dir, p);
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/`, port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * A fresh page in a fresh context (its own IndexedDB and storage), at the app's URL (+ query), ready.
 * `locale` is the browser's language (`navigator.languages`, from which the app takes its own):
 * English unless given, whatever the machine's locale.
 */
export async function appPage(
  browser: Browser,
  url: string,
  opts: { query?: string; width?: number; height?: number; locale?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 },
    acceptDownloads: true,
    locale: opts.locale ?? 'en-US',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(url + (opts.query ?? ''));
  await page.waitForFunction(() => window.__helixlab?.ready === true);
  return page;
}

/** Waits until the analysis is in and the layout has finished (or was not needed). */
export async function waitSettled(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const s = window.__helixlab?.state();
      return !!s && s.actors > 0 && s.analysed && s.layoutDone && !s.cameraMoving;
    },
    null,
    { timeout },
  );
}

/** Waits until the camera has stopped. */
export async function waitCamera(page: Page): Promise<void> {
  await page.waitForTimeout(60);
  await page.waitForFunction(() => !window.__helixlab!.state().cameraMoving);
}

/** An actor's position relative to the map, and the map's size; null when hidden. */
export async function inMap(page: Page, id: string): Promise<{ x: number; y: number; width: number; height: number } | null> {
  return page.evaluate((k) => {
    const h = window.__helixlab!;
    const p = h.nodeScreenPosition(k);
    const r = h.mapRect();
    return p ? { x: p.x - r.left, y: p.y - r.top, width: r.width, height: r.height } : null;
  }, id);
}

/** Is the actor's centre inside the map, `margin` pixels from its edges? */
export async function isInside(page: Page, id: string, margin = 10): Promise<boolean> {
  const p = await inMap(page, id);
  return !!p && p.x >= margin && p.y >= margin && p.x <= p.width - margin && p.y <= p.height - margin;
}

/**
 * Waits (up to 5 s) until the actor's centre is inside the map, `margin` pixels from its edges;
 * true when it got there. (While a layout runs, the camera follows the actor at each layout step:
 * polling rides over the moment between a step and the camera catching up.)
 */
export async function becomesInside(page: Page, id: string, margin = 10): Promise<boolean> {
  return page
    .waitForFunction(
      ([k, m]) => {
        const h = window.__helixlab!;
        const p = h.nodeScreenPosition(k as string);
        const r = h.mapRect();
        const x = p ? p.x - r.left : -1;
        const y = p ? p.y - r.top : -1;
        return !!p && x >= (m as number) && y >= (m as number) && x <= r.width - (m as number) && y <= r.height - (m as number);
      },
      [id, margin] as const,
      { timeout: 5000 },
    )
    .then(
      () => true,
      () => false,
    );
}

/**
 * Decode a PNG screenshot in the page (an <img> on a 2D canvas) and return the colours at the
 * given pixel positions and how many pixels differ from white.
 */
export async function pixels(
  page: Page,
  png: Buffer,
  points: Array<{ x: number; y: number }> = [],
): Promise<{ nonWhite: number; total: number; at: Array<[number, number, number]> }> {
  return page.evaluate(
    async ({ b64, pts }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let nonWhite = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! < 240 || d[i + 1]! < 240 || d[i + 2]! < 240) nonWhite++;
      const at = pts.map((p) => {
        const i = (Math.round(p.y) * c.width + Math.round(p.x)) * 4;
        return [d[i]!, d[i + 1]!, d[i + 2]!] as [number, number, number];
      });
      return { nonWhite, total: d.length / 4, at };
    },
    { b64: png.toString('base64'), pts: points },
  );
}

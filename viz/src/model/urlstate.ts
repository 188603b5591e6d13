/**
 * The view in the page's address (pure; unit-tested), so that a link opens a network the way it
 * was looked at, and a reload keeps it.
 *
 * Source (what to open): `sample=<name>` (a bundled sample, e.g. `construction-psrk.json`) or
 * `file=<url>` (a web file the page may read: same origin, or served with CORS), and for CORDIS
 * files `country=<code>`. View: `color` (`helix`, `attr:<name>`, `measure:<key>`, `community`),
 * `size` (a measure key), `label` (`label`, `id` or `attr:<name>`), `labels` (top N labelled),
 * `roles` and `sectors` (comma lists, only when not all), `mindeg`, `kcore`, `year`, `ego`
 * (`<depth>:<actor id>`), `sel` (the selected actor), `table=1`. Defaults are left out. The app's
 * language, `lang=fi|en`, is written last (and read by `strings.ts` before anything opens).
 *
 * {@link checkView} compares a view with the open network and drops what it does not have, with
 * a message per dropped part (the link still opens).
 */
import { S } from '../strings.js';

export interface SourceSpec {
  sample?: string;
  file?: string;
  country?: string;
}

export interface ViewSpec {
  color?: string;
  size?: string;
  label?: string;
  labels?: number;
  roles?: string[];
  sectors?: string[];
  minDegree?: number;
  kCore?: number;
  year?: number;
  ego?: { node: string; depth: 1 | 2 };
  selected?: string;
  table?: boolean;
}

const int = (key: string, v: string | null, problems: string[]): number | undefined => {
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) {
    problems.push(S.errors.badNumber(key, v));
    return undefined;
  }
  return Number(v);
};
const list = (v: string | null): string[] | undefined => (v === null ? undefined : v === '' ? [] : v.split(',').map(decodeURIComponent));

/** Read the source and the view from a query string (`location.search`). */
export function parseUrlState(search: string): { source: SourceSpec; view: ViewSpec; problems: string[] } {
  const p = new URLSearchParams(search);
  const problems: string[] = [];
  const source: SourceSpec = {};
  const sample = p.get('sample');
  const file = p.get('file');
  const country = p.get('country');
  if (sample) source.sample = sample;
  else if (file) source.file = file;
  if (country) source.country = country.toUpperCase();
  const view: ViewSpec = {};
  const s = (k: string) => p.get(k) || undefined;
  const color = s('color');
  if (color) view.color = color;
  const size = s('size');
  if (size) view.size = size;
  const label = s('label');
  if (label) view.label = label;
  const labels = int('labels', p.get('labels'), problems);
  if (labels !== undefined) view.labels = labels;
  const roles = list(p.get('roles'));
  if (roles) view.roles = roles;
  const sectors = list(p.get('sectors'));
  if (sectors) view.sectors = sectors;
  const minDegree = int('mindeg', p.get('mindeg'), problems);
  if (minDegree !== undefined) view.minDegree = minDegree;
  const kCore = int('kcore', p.get('kcore'), problems);
  if (kCore !== undefined) view.kCore = kCore;
  const year = int('year', p.get('year'), problems);
  if (year !== undefined) view.year = year;
  const ego = p.get('ego');
  if (ego) {
    const m = /^([12]):(.+)$/.exec(ego);
    if (m) view.ego = { depth: m[1] === '2' ? 2 : 1, node: m[2]! };
    else problems.push(S.errors.badNumber('ego', ego));
  }
  const sel = s('sel');
  if (sel) view.selected = sel;
  if (p.get('table') === '1') view.table = true;
  return { source, view, problems };
}

/**
 * A query string (with the leading `?`, or '' when empty) for a source and a view; defaults left
 * out. `lang` (the app's language, `fi` / `en`) comes last when given; it is read by `strings.ts`
 * (`initialLang`), not here, because the language is chosen before anything is opened.
 */
export function encodeUrlState(source: SourceSpec, view: ViewSpec, lang?: string): string {
  const p = new URLSearchParams();
  if (source.sample) p.set('sample', source.sample);
  else if (source.file) p.set('file', source.file);
  if (source.country) p.set('country', source.country);
  if (view.color && view.color !== 'helix') p.set('color', view.color);
  if (view.size && view.size !== 'degree') p.set('size', view.size);
  if (view.label && view.label !== 'label') p.set('label', view.label);
  if (view.labels !== undefined) p.set('labels', String(view.labels));
  if (view.roles) p.set('roles', view.roles.map(encodeURIComponent).join(','));
  if (view.sectors) p.set('sectors', view.sectors.map(encodeURIComponent).join(','));
  if (view.minDegree) p.set('mindeg', String(view.minDegree));
  if (view.kCore) p.set('kcore', String(view.kCore));
  if (view.year !== undefined) p.set('year', String(view.year));
  if (view.ego) p.set('ego', `${view.ego.depth}:${view.ego.node}`);
  if (view.selected) p.set('sel', view.selected);
  if (view.table) p.set('table', '1');
  if (lang) p.set('lang', lang);
  const q = p.toString();
  return q ? `?${q}` : '';
}

/** What the open network offers, to check a view against. */
export interface ViewContext {
  colourKeys: ReadonlySet<string>;
  sizeKeys: ReadonlySet<string>;
  labelKeys: ReadonlySet<string>;
  roles: ReadonlySet<string>;
  sectors: ReadonlySet<string>;
  hasNode(id: string): boolean;
  years: { min: number; max: number } | null;
  /** Measures and communities arrive with the analysis: colour / size keys naming them are kept until then. */
  analysisPending: boolean;
}

/** The view without the parts the network does not have, and a message for each part dropped. */
export function checkView(view: ViewSpec, ctx: ViewContext): { view: ViewSpec; problems: string[] } {
  const out: ViewSpec = { ...view };
  const problems: string[] = [];
  const later = (k: string) => ctx.analysisPending && (k.startsWith('measure:') || k === 'community');
  if (out.color !== undefined && !ctx.colourKeys.has(out.color) && !later(out.color)) {
    problems.push(S.errors.unknownColour(out.color));
    delete out.color;
  }
  if (out.size !== undefined && !ctx.sizeKeys.has(out.size) && !ctx.analysisPending) {
    problems.push(S.errors.unknownSize(out.size));
    delete out.size;
  }
  if (out.label !== undefined && !ctx.labelKeys.has(out.label)) {
    problems.push(S.errors.unknownLabel(out.label));
    delete out.label;
  }
  if (out.roles) {
    for (const r of out.roles) if (!ctx.roles.has(r)) problems.push(S.errors.unknownRole(r));
    out.roles = out.roles.filter((r) => ctx.roles.has(r));
  }
  if (out.sectors) {
    for (const s of out.sectors) if (!ctx.sectors.has(s)) problems.push(S.errors.unknownSector(s));
    out.sectors = out.sectors.filter((s) => ctx.sectors.has(s));
  }
  if (out.year !== undefined && (!ctx.years || out.year < ctx.years.min || out.year > ctx.years.max)) {
    problems.push(S.errors.yearOutside(out.year));
    delete out.year;
  }
  if (out.ego && !ctx.hasNode(out.ego.node)) {
    problems.push(S.errors.unknownActor(out.ego.node));
    delete out.ego;
  }
  if (out.selected !== undefined && !ctx.hasNode(out.selected)) {
    problems.push(S.errors.unknownActor(out.selected));
    delete out.selected;
  }
  return { view: out, problems };
}

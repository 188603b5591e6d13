/**
 * What the user can do to the open network, as functions over the app state (`state.ts`):
 * filters, selection and ego network, appearance (colour, size, labels), the panels' scope. Each
 * updates `app.cur`, hands the derived view state to the map and announces the change on the bus;
 * panels re-render from there. Camera moves that follow an action (search, partner links, ego
 * network, timeline) are here too, so that every way of reaching an actor behaves the same.
 */
import { HELIX_ROLES } from 'helixlab';
import { app, bus, type Appearance, type Loaded } from './state.js';
import type { ViewState } from './graph-view.js';
import { attributeValues, categoricalScale, helixScale, sequentialScale, type ColourScale } from './model/colouring.js';
import { sizeScale, topK } from './model/display.js';
import { MEASURES, measureDef, measureValues } from './model/measures.js';
import { checkView, type ViewSpec } from './model/urlstate.js';
import { NO_SECTOR, defaultFilters, sectorsOf, visibleEdges, visibleNodes, yearRange, type ViewFilters } from './model/viewstate.js';
import { S } from './strings.js';

export const DEFAULT_APPEARANCE: Readonly<Appearance> = {
  color: 'helix',
  size: 'degree',
  label: 'label',
  labelCount: 12,
  moreLabels: true,
};

// ------------------------------------------------------------------ appearance

/** id → value of the size measure (degree from the display graph until the analysis arrives). */
export function sizeValues(c: Loaded): Map<string, number | null> {
  return sizeValuesOf(c.display, c.analysis, c.appearance.size);
}

function sizeValuesOf(display: Loaded['display'], analysis: Loaded['analysis'], size: string): Map<string, number | null> {
  if (analysis) return measureValues(analysis.nodes, size);
  const m = new Map<string, number | null>();
  display.forEachNode((id) => m.set(id, display.degree(id)));
  return m;
}

/** The colourings this network offers now (keys, see `model/colouring.ts`). */
export function colourOptions(c: Loaded): Array<{ key: string; label: string; group: 'main' | 'attribute' | 'measure' }> {
  const out: Array<{ key: string; label: string; group: 'main' | 'attribute' | 'measure' }> = [
    { key: 'helix', label: S.panels.helixRole, group: 'main' },
  ];
  for (const a of c.attributes) out.push({ key: a.key, label: a.name, group: 'attribute' });
  if (c.analysis) {
    if (c.analysis.nodes.some((n) => n.community !== undefined && n.community !== null))
      out.push({ key: 'community', label: S.panels.community, group: 'measure' });
    for (const m of MEASURES) out.push({ key: `measure:${m.key}`, label: m.label, group: 'measure' });
  }
  return out;
}

/** Label text options: the label, the id, and every categorical attribute. */
export function labelOptions(c: Loaded): Array<{ key: string; label: string }> {
  return [
    { key: 'label', label: S.panels.nameLabel },
    { key: 'id', label: S.panels.idLabel },
    ...c.attributes.map((a) => ({ key: a.key, label: a.name })),
  ];
}

/** The colour scale of the current colouring (helix role when the key is not available yet). */
export function colourScale(c: Loaded): ColourScale {
  const key = c.appearance.color;
  if (key.startsWith('attr:')) {
    const info = c.attributes.find((a) => a.key === key);
    if (info) {
      const values = attributeValues(c.display, info.name, info.kind === 'numeric');
      return info.kind === 'numeric'
        ? sequentialScale(values as Map<string, number | null>)
        : categoricalScale(values as Map<string, string | null>);
    }
  } else if (key.startsWith('measure:') && c.analysis && measureDef(key.slice(8))) {
    return sequentialScale(measureValues(c.analysis.nodes, key.slice(8)));
  } else if (key === 'community' && c.analysis) {
    const m = new Map<string, string | null>();
    for (const n of c.analysis.nodes) m.set(n.id, n.community === undefined || n.community === null ? null : String(n.community));
    return categoricalScale(m);
  }
  return helixScale(c.display);
}

function labelFunction(g: Loaded['display'], key: string): (id: string) => string {
  const own = (id: string) => {
    const l = g.getNodeAttribute(id, 'label');
    return typeof l === 'string' && l !== '' ? l : id;
  };
  if (key === 'id') return (id) => id;
  if (key.startsWith('attr:')) {
    const name = key.slice(5);
    return (id) => {
      const v = g.getNodeAttributes(id)[name];
      return v === undefined || v === null || v === '' ? own(id) : String(v);
    };
  }
  return own;
}

/**
 * The map's appearance state for a colouring scale and the analysis (pure over its inputs):
 * sizes by the size measure, colours, label texts, the labelled top actors among those shown.
 */
export function appearanceState(
  display: Loaded['display'],
  analysis: Loaded['analysis'],
  appearance: Appearance,
  scale: ColourScale,
  visible: ReadonlySet<string>,
  markers: Loaded['markers'],
): Pick<ViewState, 'sizeOf' | 'colorOf' | 'labelOf' | 'forcedLabels' | 'moreLabels' | 'markers'> {
  const big = display.order > 2000;
  const values = sizeValuesOf(display, analysis, appearance.size);
  const top = topK(values, appearance.labelCount + (visible.size === display.order ? 0 : 200));
  return {
    sizeOf: sizeScale(values, big ? 1 : 3, big ? 6 : 16),
    colorOf: scale.colorOf,
    labelOf: labelFunction(display, appearance.label),
    forcedLabels: (visible.size === display.order ? top : top.filter((id) => visible.has(id))).slice(0, appearance.labelCount),
    moreLabels: appearance.moreLabels,
    markers,
  };
}

/**
 * Hand the appearance (colour, size, labels, markers) to the map. `mapAlreadyShows`: the map was
 * built with this very appearance (opening), so only the app state is updated.
 */
export function applyAppearance(c: Loaded, opts: { mapAlreadyShows?: boolean } = {}): void {
  c.scale = colourScale(c);
  if (opts.mapAlreadyShows) return;
  c.view.setState(appearanceState(c.display, c.analysis, c.appearance, c.scale, c.visible, c.markers));
}

/** The language changed: words held in the state (the colour scale's role names) follow; the map is untouched. */
export function relabelState(c: Loaded): void {
  c.scale = colourScale(c);
}

export function setAppearance(patch: Partial<Appearance>): void {
  const c = app.cur;
  if (!c) return;
  c.appearance = { ...c.appearance, ...patch };
  applyAppearance(c);
  bus.emit('appearance');
}

// ------------------------------------------------------------------ filters

/** Recompute the visible actors and ties and hand them to the map. */
export function applyFilters(c: Loaded): void {
  const vis = visibleNodes(c.display, c.filters, c.coreNumber);
  c.visible = vis;
  const allNodes = vis.size === c.display.order;
  const edges = allNodes && c.filters.year === null ? null : visibleEdges(c.display, vis, c.filters.year);
  c.view.setState({ visibleNodes: allNodes ? null : vis, visibleEdges: edges });
  applyAppearance(c); // forced labels follow the visible actors
}

/**
 * Change the filters. The camera follows when the ego network or the year changes (`fit`), so the
 * map shows what the filter kept.
 */
export function setFilters(patch: Partial<ViewFilters>, opts: { fit?: boolean } = {}): void {
  const c = app.cur;
  if (!c) return;
  const before = c.filters;
  c.filters = { ...c.filters, ...patch };
  applyFilters(c);
  bus.emit('filters');
  const fit = opts.fit ?? ('ego' in patch && patch.ego !== before.ego);
  if (fit) fitShown(c);
}

// ------------------------------------------------------------------ camera

/** Frame the actors shown (all of them: the default view). Again when a running layout ends. */
export function fitShown(c: Loaded, duration?: number): void {
  c.cameraIntent = c.layout.running ? { kind: 'shown' } : null;
  void c.view.fitNodes(c.visible.size === c.display.order ? null : c.visible, duration);
}

/** Centre an actor and its partners. Again when a running layout ends. */
export function focusOn(c: Loaded, id: string, duration?: number): void {
  c.cameraIntent = c.layout.running ? { kind: 'actor', id } : null;
  void c.view.focusActor(id, duration);
}

/**
 * The layout moved the actors: send the camera where it was last sent (at once while the layout
 * runs, so the chosen actors stay in view; animated when it has ended, and then forgotten),
 * unless the user moved it since.
 */
export function replayCameraIntent(c: Loaded, ended: boolean): void {
  const i = c.cameraIntent;
  if (ended) c.cameraIntent = null;
  if (!i) return;
  const duration = ended ? 350 : 0;
  if (i.kind === 'shown') void c.view.fitNodes(c.visible.size === c.display.order ? null : c.visible, duration);
  else if (i.id === c.view.state.selected) void c.view.focusActor(i.id, duration);
}

export function resetFilters(): void {
  const c = app.cur;
  if (!c) return;
  c.filters = defaultFilters(HELIX_ROLES);
  applyFilters(c);
  bus.emit('filters');
}

/** Show the network as of a year (null: all years); the camera frames the actors of that year. */
export function setYear(year: number | null): void {
  setFilters({ year }, { fit: true });
}

// ------------------------------------------------------------------ selection

/**
 * Select an actor (null: none). `focus`: centre it and zoom to its partners (search, partner
 * links, the table). Leaving an ego network's centre ends that ego network.
 */
export function selectActor(id: string | null, opts: { focus?: boolean } = {}): void {
  const c = app.cur;
  if (!c) return;
  if (id !== null && !c.display.hasNode(id)) return;
  if (c.filters.ego && id !== c.filters.ego.node) {
    c.filters = { ...c.filters, ego: null };
    applyFilters(c);
    bus.emit('filters');
  }
  // A hidden actor picked in the search or the table: show it by dropping the filters that hide it.
  if (id !== null && !c.visible.has(id)) {
    c.filters = defaultFilters(HELIX_ROLES);
    applyFilters(c);
    bus.emit('filters');
  }
  c.view.setState({ selected: id });
  bus.emit('selection');
  if (id !== null && opts.focus) focusOn(c, id);
}

/** The ego network of the selected actor (0: off); the camera frames it. */
export function setEgo(depth: 0 | 1 | 2): void {
  const c = app.cur;
  if (!c) return;
  const sel = c.view.state.selected;
  setFilters({ ego: sel && depth !== 0 ? { node: sel, depth } : null }, { fit: true });
  if (depth === 0 && sel) focusOn(c, sel);
}

// ------------------------------------------------------------------ panels' scope

export function setPanelScope(scope: 'whole' | 'filtered'): void {
  const c = app.cur;
  if (!c) return;
  c.panelScope = scope;
  bus.emit('scope');
}

/** A key naming the filtered view (ids shown and the year), to tell whether an analysis is current. */
export function filteredKey(c: Loaded): string {
  let h = 2166136261;
  const ids = [...c.visible].sort();
  for (const id of ids) for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return `${ids.length}:${h >>> 0}:${c.filters.year ?? 'all'}`;
}

/** Are the panels showing a filtered view (filters on and the scope "filtered")? */
export function filtersActive(c: Loaded): boolean {
  return c.visible.size !== c.display.order || c.filters.year !== null;
}

// ------------------------------------------------------------------ the view as a link

export function currentView(c: Loaded): ViewSpec {
  const v: ViewSpec = {};
  const a = c.appearance;
  if (a.color !== DEFAULT_APPEARANCE.color) v.color = a.color;
  if (a.size !== DEFAULT_APPEARANCE.size) v.size = a.size;
  if (a.label !== DEFAULT_APPEARANCE.label) v.label = a.label;
  if (a.labelCount !== DEFAULT_APPEARANCE.labelCount) v.labels = a.labelCount;
  const f = c.filters;
  if (f.roles.size !== HELIX_ROLES.length) v.roles = HELIX_ROLES.filter((r) => f.roles.has(r));
  if (f.sectors) v.sectors = [...f.sectors];
  if (f.minDegree) v.minDegree = f.minDegree;
  if (f.kCore) v.kCore = f.kCore;
  if (f.year !== null) v.year = f.year;
  if (f.ego) v.ego = f.ego;
  if (c.view.state.selected) v.selected = c.view.state.selected;
  if (c.tableOpen) v.table = true;
  return v;
}

/**
 * Apply a view from a link or from the last visit: what the network does not have is dropped,
 * and a message says so for each part (returned). Measures named before the analysis has arrived
 * are kept and take effect with it.
 */
export function applyView(view: ViewSpec): string[] {
  const c = app.cur;
  if (!c) return [];
  const sectors = new Set(sectorsOf(c.display).map((s) => s.sector));
  const { view: v, problems } = checkView(view, {
    colourKeys: new Set(colourOptions(c).map((o) => o.key)),
    sizeKeys: new Set(MEASURES.map((m) => m.key)),
    labelKeys: new Set(labelOptions(c).map((o) => o.key)),
    roles: new Set(HELIX_ROLES),
    sectors,
    hasNode: (id) => c.display.hasNode(id),
    years: yearRange(c.display, c.net.activities),
    analysisPending: !c.analysis,
  });
  c.appearance = {
    ...c.appearance,
    ...(v.color !== undefined ? { color: v.color } : {}),
    ...(v.size !== undefined ? { size: v.size } : {}),
    ...(v.label !== undefined ? { label: v.label } : {}),
    ...(v.labels !== undefined ? { labelCount: Math.max(0, Math.min(100, v.labels)) } : {}),
  };
  const f: ViewFilters = { ...defaultFilters(HELIX_ROLES) };
  if (v.roles) f.roles = new Set(v.roles);
  if (v.sectors) f.sectors = new Set(v.sectors.length === sectors.size ? [...sectors] : v.sectors);
  if (v.sectors && v.sectors.length === sectors.size) f.sectors = null;
  if (v.minDegree !== undefined) f.minDegree = Math.max(0, v.minDegree);
  if (v.kCore !== undefined) f.kCore = Math.max(0, v.kCore);
  if (v.year !== undefined) f.year = v.year;
  if (v.ego) f.ego = v.ego;
  c.filters = f;
  c.tableOpen = v.table === true;
  applyFilters(c);
  c.view.setState({ selected: v.selected ?? null });
  bus.emit('filters', 'appearance', 'selection', 'table');
  if (f.ego || f.year !== null || c.visible.size !== c.display.order) fitShown(c, 0);
  else if (v.selected) focusOn(c, v.selected, 0);
  return problems;
}

/** The sector of an actor as the sector filter names it. */
export function sectorOf(attrs: { sector?: unknown }): string {
  return typeof attrs.sector === 'string' && attrs.sector !== '' ? attrs.sector : NO_SECTOR;
}

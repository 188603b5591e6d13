/**
 * Showing a loaded network: the display graph (positions from the file when every actor has one,
 * else the seeded start), the map (`GraphView`), the layout (run on opening, in its worker, when
 * the file had no positions), the analysis (in its worker), then the panels through the bus.
 * Large networks (above 3,000 actors) put their first frame first: analysis and layout start once
 * the frame with the ties is on screen.
 */
import { HELIX_ROLES, type Network } from 'helixlab';
import { DEFAULT_APPEARANCE, applyAppearance, appearanceState, replayCameraIntent } from './actions.js';
import { runAnalysis, stopAnalyses } from './analysis-runner.js';
import { GraphView } from './graph-view.js';
import { LayoutControl } from './layout.js';
import { helixScale, nodeAttributes } from './model/colouring.js';
import { buildDisplayGraph, hasPositions } from './model/display.js';
import type { DecodedFile } from './model/files.js';
import { buildSearchIndex } from './model/search.js';
import { defaultFilters } from './model/viewstate.js';
import { showMessages } from './notify.js';
import { app, bus, type Loaded, type NetworkSource } from './state.js';
import { S } from './strings.js';

/** Above this many actors the analysis and the layout wait for the first frame. */
export const BIG_GRAPH = 3000;
/** Above this many actors the layout moves the map only when it has finished (each update costs a full frame). */
const LIVE_LAYOUT_LIMIT = 5000;

let container: HTMLElement | null = null;

/** Where the map goes (set once by the shell). */
export function setMapContainer(el: HTMLElement): void {
  container = el;
}

export function closeNetwork(): void {
  const c = app.cur;
  if (!c) return;
  c.layout.kill();
  c.view.kill();
  stopAnalyses();
  app.cur = null;
}

export interface ShowOptions {
  /** Positions to use instead of the file's or the layout's (restoring the last visit): x0, y0, … in graph order. */
  positions?: Float64Array | null;
  /** When the file text was in memory / parsed (for the timings). */
  t0?: number;
  tLoad?: number;
}

export function showNetwork(
  net: Network,
  label: string,
  format: string,
  source: NetworkSource,
  files: DecodedFile[],
  opts: ShowOptions = {},
): Loaded {
  if (!container) throw new Error('map container not set');
  const t0 = opts.t0 ?? performance.now();
  const tLoad = opts.tLoad ?? t0;
  closeNetwork();
  container.replaceChildren();
  const fromFile = hasPositions(net);
  const display = buildDisplayGraph(net, 1, { keepPositions: fromFile });
  let restored = false;
  if (opts.positions && opts.positions.length === display.order * 2) {
    let i = 0;
    const p = opts.positions;
    display.updateEachNodeAttributes((_id, a) => {
      a.x = p[2 * i]!;
      a.y = p[2 * i + 1]!;
      i++;
      return a;
    });
    restored = true;
  }
  const tDisplay = performance.now();
  const scale = helixScale(display);
  const appearance = { ...DEFAULT_APPEARANCE };
  const initial = appearanceState(display, null, appearance, scale, new Set(display.nodes()), {
    gatekeepers: new Set(),
    liaisons: new Set(),
    hotSpots: new Set(),
  });
  // The constructor draws the first frame, with the degree-based appearance.
  const view = new GraphView(container, display, initial);
  const degreeSize = initial.sizeOf;
  app.timings = { load: tLoad - t0, display: tDisplay - tLoad, firstFrame: performance.now() - t0 };
  const loaded: Loaded = {
    net,
    label,
    format,
    source,
    files,
    display,
    view,
    layout: new LayoutControl(display, degreeSize),
    search: buildSearchIndex(
      display.mapNodes((id, a) => ({
        id,
        label: typeof a.label === 'string' ? a.label : id,
        helix: String(a.helix),
        degree: display.degree(id),
      })),
    ),
    attributes: nodeAttributes(display),
    analysis: null,
    analysisFailed: false,
    coreNumber: undefined,
    markers: { gatekeepers: new Set(), liaisons: new Set(), hotSpots: new Set() },
    filters: defaultFilters(HELIX_ROLES),
    visible: new Set(display.nodes()),
    appearance,
    scale,
    panelScope: 'whole',
    filtered: null,
    positionsFromFile: fromFile || restored,
    tableOpen: false,
    cameraIntent: null,
  };
  const layout = loaded.layout;
  const live = display.order <= LIVE_LAYOUT_LIMIT; // frames are coalesced by the layout control
  layout.onPositions = () => {
    if (live || !layout.running) {
      view.positionsChanged();
      if (layout.running) replayCameraIntent(loaded, false);
    }
  };
  layout.onProgress = (p) => {
    // The layout moved what the camera was sent to: send it there again.
    if (!p.running) replayCameraIntent(loaded, true);
    bus.emit('layout');
  };
  // A drag or a wheel turn by the user: the camera is theirs, nothing is replayed.
  const mouse = view.sigma.getMouseCaptor();
  const mine = () => (loaded.cameraIntent = null);
  mouse.on('mousedown', mine);
  mouse.on('wheel', mine);
  view.sigma.getTouchCaptor().on('touchdown', mine);
  layout.onError = (m) => showMessages(() => S.errors.layoutTitle, [m]);
  app.cur = loaded;
  // The map already shows this appearance and every actor (the GraphView was built with it): no
  // second frame. The same derived state is computed for the panels, without touching the map.
  applyAppearance(loaded, { mapAlreadyShows: true });
  const panels = () => bus.emit('network', 'filters', 'appearance', 'selection', 'analysis', 'scope', 'layout', 'table');
  const start = () => {
    if (app.cur !== loaded) return;
    if (loaded.positionsFromFile || display.order <= BIG_GRAPH) {
      runAnalysis(loaded);
      if (!loaded.positionsFromFile) void layout.start();
      return;
    }
    // Large graphs on two cores: the layout first (the map is what the user looks at), then the
    // analysis (sizes, markers, panels), instead of both workers halving each other's speed.
    void layout.start().then(() => {
      if (app.cur === loaded) runAnalysis(loaded);
    });
  };
  if (display.order <= BIG_GRAPH) {
    panels();
    start();
  } else {
    // Large graphs: the map's first frame is presented first (the panels' work would hold it
    // back by a few hundred ms), then the panels fill in, then the workers start (after the ties'
    // frame when the opening is progressive).
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (app.cur !== loaded) return;
        panels();
        requestAnimationFrame(() => setTimeout(start, 0));
      }, 0),
    );
  }
  return loaded;
}

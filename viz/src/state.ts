/**
 * The app's state, in one place: the network open on the map and everything derived from it
 * ({@link Loaded}), plus the few app-wide values (timings of the last opening). Panels never keep
 * their own copy of it: they read `app.cur` when told that something changed, through the small
 * publish / subscribe {@link bus} below. Only `actions.ts` and `network-session.ts` change it.
 */
import type { Network } from 'helixlab';
import type { GraphView } from './graph-view.js';
import type { LayoutControl } from './layout.js';
import type { AnalysisView } from './model/analysis.js';
import type { AttributeInfo, ColourScale } from './model/colouring.js';
import type { DisplayGraph } from './model/display.js';
import type { DecodedFile } from './model/files.js';
import type { Markers } from './model/measures.js';
import type { SearchIndex } from './model/search.js';
import type { ViewFilters } from './model/viewstate.js';

/** How the map looks (the Appearance panel; part of the link). */
export interface Appearance {
  /** `helix`, `attr:<name>`, `measure:<key>` or `community`. */
  color: string;
  /** A measure key (see `model/measures.ts`). */
  size: string;
  /** `label`, `id` or `attr:<name>`. */
  label: string;
  /** The top N actors by the size measure are labelled first. */
  labelCount: number;
  /** Label other actors where there is room. */
  moreLabels: boolean;
}

/** Where the open network came from (for links and for the next visit). */
export interface NetworkSource {
  kind: 'sample' | 'url' | 'files';
  /** Sample id, URL, or the files' names. */
  name: string;
  /** CORDIS: the country opened. */
  country?: string;
}

/** The analysis of the filtered view, when the panels are computed for it. */
export interface FilteredAnalysis {
  /** Identifies the filtered view it was computed for (ids shown + year). */
  key: string;
  net: Network;
  analysis: AnalysisView | null;
  failed: boolean;
}

export interface Loaded {
  net: Network;
  label: string;
  format: string;
  source: NetworkSource;
  /** The decoded input (kept for the next visit). */
  files: DecodedFile[];
  display: DisplayGraph;
  view: GraphView;
  layout: LayoutControl;
  search: SearchIndex;
  attributes: AttributeInfo[];
  analysis: AnalysisView | null;
  analysisFailed: boolean;
  coreNumber: Map<string, number> | undefined;
  markers: Markers;
  filters: ViewFilters;
  visible: Set<string>;
  appearance: Appearance;
  scale: ColourScale;
  /** The summary, lock-in and ESCA panels: for the whole network or the filtered view. */
  panelScope: 'whole' | 'filtered';
  filtered: FilteredAnalysis | null;
  /** The file gave every actor a position: no layout on opening. */
  positionsFromFile: boolean;
  tableOpen: boolean;
  /**
   * Where the camera was sent while the layout was still moving the actors (an actor, or the
   * actors shown): it goes there again when the layout ends, unless the user moved it meanwhile.
   */
  cameraIntent: { kind: 'actor'; id: string } | { kind: 'shown' } | null;
}

export interface Timings {
  load: number;
  display: number;
  firstFrame: number;
}

export const app: {
  cur: Loaded | null;
  timings: Timings | null;
  /** Messages waiting for the network to be shown (link problems). */
  pendingNotes: string[];
} = { cur: null, timings: null, pendingNotes: [] };

export type Topic =
  /** A network was opened (or closed). */
  | 'network'
  /** The visible actors changed (filters, year, ego). */
  | 'filters'
  | 'selection'
  /** Colour, size, labels. */
  | 'appearance'
  /** The whole network's analysis arrived. */
  | 'analysis'
  /** The panels' scope or the filtered view's analysis changed. */
  | 'scope'
  | 'layout'
  | 'table'
  /** The language changed (`language.ts`): everything with words or numbers renders again. */
  | 'lang';

const subscribers = new Map<Topic, Array<() => void>>();

export const bus = {
  on(topic: Topic, fn: () => void): void {
    const list = subscribers.get(topic);
    if (list) list.push(fn);
    else subscribers.set(topic, [fn]);
  },
  emit(...topics: Topic[]): void {
    const done = new Set<() => void>();
    for (const t of topics) {
      for (const fn of subscribers.get(t) ?? []) {
        if (done.has(fn)) continue;
        done.add(fn);
        fn();
      }
    }
  },
};

/**
 * Exports of the open network, all made in the page and downloaded (nothing is sent anywhere):
 * - the view as SVG / PNG (what is on screen: actors, ties, labels, markers, the colour legend);
 * - the network (filtered when a filter is on) as GEXF — with each actor's position, size and
 *   colour as drawn (Gephi's `viz` elements) and every measure of the analysis as attributes, so
 *   that Gephi and Gephi Lite open it looking as it does here — or as HelixLab JSON;
 * - the actor table as CSV, plain (`,`) or for Excel in Finnish (`;`, decimal comma; `model/table.ts`).
 * The writers are the library's (`writeGexf`, `writeNetworkJson`); the filtered network is
 * `model/subnetwork.ts`'s.
 */
import { writeGexf, writeNetworkJson, type Attributes, type CsvDialect } from 'helixlab';
import { download } from './dom.js';
import { filtersActive } from './actions.js';
import { MEASURES, fmt } from './model/measures.js';
import { filteredNetwork } from './model/subnetwork.js';
import { showErrors } from './notify.js';
import { app, type Loaded } from './state.js';
import { S } from './strings.js';

export function slug(s: string): string {
  return (
    s
      .replace(/\.[a-z]+$/i, '')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'network'
  );
}

/** The legend entries of the current colouring (for SVG / PNG). */
function legend(c: Loaded): Array<{ label: string; color: string }> {
  const s = c.scale;
  if (s.kind === 'categorical') {
    const rows = s.entries.filter((e) => e.count > 0).map((e) => ({ label: `${e.label} (${fmt(e.count)})`, color: e.color }));
    if (s.other) rows.push({ label: `${S.panels.other} (${fmt(s.other.count)})`, color: s.other.color });
    return rows;
  }
  return [
    { label: `${S.panels.low}: ${fmt(s.min)}`, color: s.colorOfValue(s.min) },
    { label: `${S.panels.high}: ${fmt(s.max)}`, color: s.colorOfValue(s.max) },
  ];
}

/** GEXF of the network as shown: positions, sizes (layout units), colours, measures. */
export function gexfText(c: Loaded): { text: string; filtered: boolean } {
  const filtered = filtersActive(c);
  const useFiltered = filtered && c.panelScope === 'filtered' && c.filtered?.analysis;
  const measuresOf = useFiltered ? c.filtered!.analysis! : c.analysis; // useFiltered checked both
  const scope = useFiltered ? S.exports.filteredView : S.exports.wholeNetwork;
  const base = filtered ? filteredNetwork(c.net, c.visible, c.filters.year, S.exports.filteredNote) : c.net;
  const net = measuresOf ? { ...base, description: [base.description, S.exports.measuresNote(scope)].filter(Boolean).join(' — ') } : base;
  const ppu = c.view.pixelsPerUnit();
  const viz = new Map<string, { x: number; y: number; size: number; color: string }>();
  net.graph.forEachNode((id) => {
    const a = c.display.getNodeAttributes(id);
    viz.set(id, { x: a.x, y: a.y, size: c.view.state.sizeOf(id) / ppu, color: c.view.state.colorOf(id) });
  });
  const nodeAttributes = new Map<string, Attributes>();
  if (measuresOf) {
    for (const n of measuresOf.nodes) {
      const rec: Attributes = {};
      for (const m of MEASURES) rec[m.key] = m.get(n);
      if (n.community !== undefined && n.community !== null) rec.community = String(n.community);
      rec.gatekeeperBroker = c.markers.gatekeepers.has(n.id);
      rec.liaisonBroker = c.markers.liaisons.has(n.id);
      rec.lockInHotSpot = c.markers.hotSpots.has(n.id);
      nodeAttributes.set(n.id, rec);
    }
  }
  return { text: writeGexf(net, { viz, nodeAttributes }), filtered };
}

/** Export the open network or view as `kind` (`svg`, `png`, `gexf`, `json`, `csv`, `csv-excel-fi`) and download it. */
export async function exportAs(kind: string, tableCsv: (dialect: CsvDialect) => string): Promise<void> {
  const c = app.cur;
  if (!c) return;
  const name = slug(c.label);
  try {
    if (kind === 'svg') download(`${name}.svg`, new Blob([c.view.toSvg(c.label, legend(c))], { type: 'image/svg+xml' }));
    else if (kind === 'png') download(`${name}.png`, await c.view.toPng(c.label, legend(c)));
    else if (kind === 'gexf') {
      const { text, filtered } = gexfText(c);
      download(`${name}${filtered ? '-filtered' : ''}.gexf`, new Blob([text], { type: 'application/xml' }));
    } else if (kind === 'json') {
      const filtered = filtersActive(c);
      const net = filtered ? filteredNetwork(c.net, c.visible, c.filters.year, S.exports.filteredNote) : c.net;
      download(`${name}${filtered ? '-filtered' : ''}.json`, new Blob([writeNetworkJson(net)], { type: 'application/json' }));
    } else if (kind === 'csv' || kind === 'csv-excel-fi')
      download(`${name}-actors.csv`, new Blob([tableCsv(kind === 'csv' ? 'rfc4180' : 'excel-fi')], { type: 'text/csv;charset=utf-8' }));
  } catch (e) {
    showErrors([{ severity: 'error', code: 'export', message: e instanceof Error ? e.message : String(e) }], () => S.errors.exportTitle);
  }
}

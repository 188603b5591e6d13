/**
 * The "Helix roles" panel: actors per role (the same counts as `helixlab info`; `shown / total`
 * when a filter is on), whose check boxes are the role filter, and the legend of the markers drawn
 * around actors (by shape: square = gatekeeper, diamond = liaison, dashed circle = hot spot).
 */
import { h, replace } from '../dom.js';
import { setFilters } from '../actions.js';
import { markerPaths, type MarkerKind } from '../model/marker-shapes.js';
import { fmt } from '../model/measures.js';
import { MARK_COLORS, legendEntries } from '../model/palette.js';
import { app, bus } from '../state.js';
import { S } from '../strings.js';

/** A small SVG of a marker shape around a dot (the legend swatch). */
export function markerIcon(kind: MarkerKind, color: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '22');
  svg.setAttribute('height', '22');
  svg.setAttribute('viewBox', '0 0 22 22');
  svg.setAttribute('aria-hidden', 'true');
  const dot = document.createElementNS(ns, 'circle');
  dot.setAttribute('cx', '11');
  dot.setAttribute('cy', '11');
  dot.setAttribute('r', '3');
  dot.setAttribute('fill', '#8a93a3');
  svg.appendChild(dot);
  for (const p of markerPaths(kind, 11, 11, kind === 'liaison' ? 1.5 : 3)) {
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', p.d);
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke', color);
    path.setAttribute('stroke-width', String(p.width));
    if (p.dash.length) path.setAttribute('stroke-dasharray', p.dash.join(' '));
    svg.appendChild(path);
  }
  return svg;
}

export function createLegendPanel(): HTMLElement {
  const box = h('div', { attrs: { 'data-testid': 'legend' } });
  const marks = h(
    'div',
    { class: 'legend-marks', attrs: { 'data-testid': 'marker-legend' } },
    h('span', {}, markerIcon('gatekeeper', MARK_COLORS.gatekeeper), () => S.panels.gatekeeper),
    h('span', {}, markerIcon('liaison', MARK_COLORS.liaison), () => S.panels.liaison),
    h('span', {}, markerIcon('hotSpot', MARK_COLORS.hotSpot), () => S.panels.hotSpot),
  );
  const render = () => {
    const c = app.cur;
    if (!c) {
      replace(box);
      return;
    }
    const vis = c.visible;
    const entries = legendEntries(c.display, (id) => vis.has(id));
    const filtered = vis.size !== c.display.order;
    const byHelix = c.appearance.color === 'helix';
    replace(
      box,
      ...entries.map((e) => {
        const cb = h('input', { type: 'checkbox', attrs: { 'data-role': e.role, 'aria-label': S.panels.showRole(e.label) } });
        cb.checked = c.filters.roles.has(e.role);
        cb.addEventListener('change', () => {
          const cur = app.cur;
          if (!cur) return;
          const roles = new Set(cur.filters.roles);
          if (cb.checked) roles.add(e.role);
          else roles.delete(e.role);
          setFilters({ roles });
        });
        return h(
          'label',
          { class: `legend-row${e.count === 0 ? ' empty' : ''}`, dataset: { role: e.role } },
          cb,
          h('span', { class: `swatch${byHelix ? '' : ' neutral'}`, style: byHelix ? `background:${e.color}` : '' }),
          h('span', { class: 'name' }, e.label),
          h(
            'span',
            { class: 'count', attrs: { 'data-testid': `legend-count-${e.role}` } },
            filtered ? `${fmt(e.visible)} / ${fmt(e.count)}` : fmt(e.count),
          ),
        );
      }),
      h(
        'div',
        { class: 'legend-row total' },
        h('span'),
        h('span'),
        h('strong', {}, S.panels.allActors),
        h('strong', { class: 'count', attrs: { 'data-testid': 'legend-total' } }, fmt(c.display.order)),
      ),
    );
  };
  bus.on('network', render);
  bus.on('filters', render);
  bus.on('appearance', render);
  bus.on('lang', render);
  return h(
    'section',
    { class: 'panel', attrs: { 'aria-labelledby': 'legend-h' } },
    h('h2', { id: 'legend-h' }, () => S.panels.roles),
    box,
    h('h3', { class: 'sub' }, () => S.panels.markers),
    marks,
  );
}

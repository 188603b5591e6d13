/**
 * The "Layout" panel and the layout's progress on the map. Settings: gravity and scaling (log
 * sliders), LinLog, prevent overlap; "▶ Layout" runs the fixed number of ForceAtlas2 iterations
 * again from the current positions, "Restart from the seed" from the opening's seeded placement
 * (so the opening layout can be reproduced with other settings). While it runs, a bar on the map
 * shows the iterations done, with a stop button.
 */
import { field, h } from '../dom.js';
import { applyPositions } from '../layout.js';
import { buildDisplayGraph } from '../model/display.js';
import { app, bus } from '../state.js';
import { NF, S } from '../strings.js';

/** Slider position 0–100 ↔ a value on a log scale between lo and hi. */
const toLog = (t: number, lo: number, hi: number) => Math.round(lo * Math.pow(hi / lo, t / 100) * 1000) / 1000;
const fromLog = (v: number, lo: number, hi: number) => Math.round((100 * Math.log(v / lo)) / Math.log(hi / lo));

export function createLayoutPanel(): { panel: HTMLElement; progress: HTMLElement } {
  const gravity = h('input', { type: 'range', attrs: { min: '0', max: '100', 'data-testid': 'layout-gravity' } });
  const gravityOut = h('output', { class: 'muted' });
  const scaling = h('input', { type: 'range', attrs: { min: '0', max: '100', 'data-testid': 'layout-scaling' } });
  const scalingOut = h('output', { class: 'muted' });
  const linLog = h('input', { type: 'checkbox', attrs: { 'data-testid': 'layout-linlog' } });
  const overlap = h('input', { type: 'checkbox', attrs: { 'data-testid': 'layout-overlap' } });
  const runBtn = h('button', { class: 'primary', title: () => S.layout.runTitle, attrs: { 'data-testid': 'layout-toggle' } }, S.layout.run);
  const resetBtn = h('button', { title: () => S.layout.resetTitle, attrs: { 'data-testid': 'layout-reset' } }, () => S.layout.reset);
  const status = h('p', { class: 'small muted', attrs: { 'data-testid': 'layout-status' } });

  const bar = h('span');
  const barText = h('span', { attrs: { 'data-testid': 'layout-progress-text' } });
  const stopBtn = h('button', { attrs: { 'data-testid': 'layout-stop', 'aria-label': () => S.layout.stopButton } }, () => S.layout.stop);
  const progress = h(
    'div',
    { class: 'layout-progress hidden', attrs: { 'data-testid': 'layout-progress', role: 'status' } },
    h('div', { class: 'progress' }, bar),
    barText,
    stopBtn,
  );

  const settings = () => {
    const c = app.cur;
    if (!c) return;
    c.layout.settings = {
      gravity: toLog(Number(gravity.value), 0.01, 10),
      scalingRatio: toLog(Number(scaling.value), 1, 100),
      linLog: linLog.checked,
      preventOverlap: overlap.checked,
    };
    gravityOut.textContent = NF.plain(c.layout.settings.gravity);
    scalingOut.textContent = NF.plain(c.layout.settings.scalingRatio);
  };
  for (const el of [gravity, scaling]) el.addEventListener('input', settings);
  for (const el of [linLog, overlap]) el.addEventListener('change', settings);
  runBtn.addEventListener('click', () => {
    const c = app.cur;
    if (!c) return;
    if (c.layout.running) c.layout.stop();
    else void c.layout.start();
  });
  stopBtn.addEventListener('click', () => app.cur?.layout.stop());
  resetBtn.addEventListener('click', () => {
    const c = app.cur;
    if (!c) return;
    const seeded = buildDisplayGraph(c.net);
    const pos = new Float32Array(c.display.order * 2);
    let i = 0;
    c.display.forEachNode((id) => {
      const a = seeded.getNodeAttributes(id);
      pos[2 * i] = a.x;
      pos[2 * i + 1] = a.y;
      i++;
    });
    applyPositions(c.display, pos);
    c.view.positionsChanged();
    void c.layout.start();
  });

  const render = () => {
    const c = app.cur;
    for (const el of [gravity, scaling, linLog, overlap, runBtn, resetBtn]) el.disabled = !c;
    if (!c) {
      progress.classList.add('hidden');
      status.textContent = '';
      return;
    }
    const s = c.layout.settings;
    gravity.value = String(fromLog(s.gravity, 0.01, 10));
    scaling.value = String(fromLog(s.scalingRatio, 1, 100));
    gravityOut.textContent = NF.plain(s.gravity);
    scalingOut.textContent = NF.plain(s.scalingRatio);
    linLog.checked = s.linLog;
    overlap.checked = s.preventOverlap;
    const p = c.layout.progress;
    runBtn.textContent = p.running ? S.layout.stop : S.layout.run;
    progress.classList.toggle('hidden', !p.running);
    bar.style.width = p.total ? `${Math.round((100 * p.done) / p.total)}%` : '0%';
    barText.textContent = S.layout.progress(p.done, p.total);
    status.textContent = p.running
      ? S.layout.progress(p.done, p.total)
      : p.stopped
        ? S.layout.stopped(p.done, p.total)
        : p.total > 0
          ? S.layout.done(p.done)
          : c.positionsFromFile
            ? S.layout.fromFile
            : '';
  };
  bus.on('network', render);
  bus.on('layout', render);
  bus.on('lang', render);

  const panel = h(
    'section',
    { class: 'panel', attrs: { 'aria-labelledby': 'layout-h', 'data-testid': 'layout-panel' } },
    h('h2', { id: 'layout-h' }, () => S.layout.panel),
    field(() => S.layout.gravity, gravity, gravityOut),
    field(() => S.layout.scaling, scaling, scalingOut),
    h(
      'label',
      { class: 'row check' },
      linLog,
      h('span', {}, () => S.layout.linLog),
    ),
    h(
      'label',
      { class: 'row check' },
      overlap,
      h('span', {}, () => S.layout.preventOverlap),
    ),
    h('div', { class: 'row' }, runBtn, resetBtn),
    status,
  );
  return { panel, progress };
}

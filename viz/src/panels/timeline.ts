/**
 * The "Timeline" panel: the network as of a year (actors that joined by then, ties whose
 * since / until span covers it); the camera frames the actors of that year. ▶ Play steps through
 * the years; "All years" shows everything again. Hidden when the data has no years.
 */
import { field, h } from '../dom.js';
import { setYear } from '../actions.js';
import { yearRange } from '../model/viewstate.js';
import { app, bus } from '../state.js';
import { S } from '../strings.js';

export function createTimelinePanel(): HTMLElement {
  const slider = h('input', { type: 'range', attrs: { min: '0', max: '0', value: '0', 'data-testid': 'year-slider' } });
  const out = h('output', { class: 'muted', attrs: { 'data-testid': 'year-value' } }, S.panels.allYears);
  const play = h('button', { attrs: { 'data-testid': 'year-play' } }, S.panels.play);
  const all = h('button', { attrs: { 'data-testid': 'year-all' } }, () => S.panels.allYearsButton);
  let timer: ReturnType<typeof setInterval> | null = null;
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
    play.textContent = S.panels.play;
  };
  slider.addEventListener('input', () => {
    stop();
    setYear(Number(slider.value));
  });
  all.addEventListener('click', () => {
    stop();
    setYear(null);
  });
  play.addEventListener('click', () => {
    if (timer) return stop();
    const c = app.cur;
    if (!c) return;
    const min = Number(slider.min);
    const max = Number(slider.max);
    let y = c.filters.year === null || c.filters.year >= max ? min : c.filters.year;
    setYear(y);
    play.textContent = S.panels.pause;
    timer = setInterval(() => {
      y += 1;
      if (y > max) return stop();
      setYear(y);
    }, 700);
  });
  const panel = h(
    'section',
    { class: 'panel', attrs: { 'aria-labelledby': 'timeline-h' } },
    h('h2', { id: 'timeline-h' }, () => S.panels.timeline),
    field(() => S.panels.asOf, slider, out),
    h('div', { class: 'row' }, play, all),
  );
  const render = () => {
    const c = app.cur;
    const yr = c ? yearRange(c.display, c.net.activities) : null;
    panel.hidden = !yr;
    if (!c || !yr) return;
    slider.min = String(yr.min);
    slider.max = String(yr.max);
    slider.value = String(c.filters.year ?? yr.max);
    out.textContent = c.filters.year === null ? S.panels.allYears : String(c.filters.year);
  };
  bus.on('network', () => {
    stop();
    render();
  });
  bus.on('filters', render);
  bus.on('lang', () => {
    play.textContent = timer ? S.panels.pause : S.panels.play;
    render();
  });
  return panel;
}

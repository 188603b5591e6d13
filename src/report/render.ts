/**
 * Renderers of a {@link ReportDoc}: Markdown (GitHub-flavoured tables) and a self-contained HTML
 * page (inline CSS, no scripts, no external resources, no network access). Every piece of text is
 * escaped for its format: in Markdown the characters that can start markup inside a line or a table
 * cell (backslash, backtick, `* _ [ ] < | ~`) are backslash-escaped and line breaks become spaces
 * (our lines never begin with user text, so line-start markup cannot arise); in HTML `& < > " '`. Browser-safe.
 */
import { inlines, type Block, type ReportDoc, type Text } from './document.js';

const MD_SPECIAL = /[\\`*_[\]<|~]/g;

/** Escape plain text for Markdown (inline and table cells). */
export function escapeMarkdown(s: string): string {
  return s.replace(/\r\n|\r|\n/g, ' ').replace(MD_SPECIAL, (c) => `\\${c}`);
}

/** Escape plain text for HTML text and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function mdText(t: Text): string {
  return inlines(t)
    .map((x) => (typeof x === 'string' ? escapeMarkdown(x) : `**${escapeMarkdown(x.bold)}**`))
    .join('');
}

function htmlText(t: Text): string {
  return inlines(t)
    .map((x) => (typeof x === 'string' ? escapeHtml(x) : `<strong>${escapeHtml(x.bold)}</strong>`))
    .join('');
}

function mdBlock(b: Block): string {
  switch (b.kind) {
    case 'p':
      return mdText(b.text);
    case 'list':
      return b.items.map((i) => `- ${mdText(i)}`).join('\n');
    case 'table': {
      const align = b.head.map((_, i) => (b.align?.[i] === 'right' ? '---:' : '---'));
      const lines = [`| ${b.head.map(escapeMarkdown).join(' | ')} |`, `| ${align.join(' | ')} |`];
      for (const r of b.rows) lines.push(`| ${r.map(mdText).join(' | ')} |`);
      return lines.join('\n');
    }
    case 'bars': {
      const head = b.head ?? ['', 'actors', 'share'];
      const lines = [`| ${head.map(escapeMarkdown).join(' | ')} |`.replace('|  |', '| |'), '| --- | ---: | ---: |'];
      for (const it of b.items) {
        const bar = '█'.repeat(Math.round(it.share * 20));
        lines.push(
          `| ${escapeMarkdown(it.label)} | ${escapeMarkdown(it.value)} | ${escapeMarkdown(it.shareText ?? `${Math.round(it.share * 100)}%`)} ${bar} |`,
        );
      }
      return lines.join('\n');
    }
  }
}

/** The report as Markdown. */
export function renderMarkdown(doc: ReportDoc): string {
  const out: string[] = [`# ${escapeMarkdown(doc.title)}`, ''];
  for (const m of doc.meta) out.push(`${escapeMarkdown(m)}  `);
  if (doc.meta.length > 0) out.push('');
  for (const s of doc.sections) {
    out.push(`## ${escapeMarkdown(s.title)}`, '');
    if (s.howToRead) out.push(`_${escapeMarkdown(s.howToRead)}_`, '');
    for (const b of s.blocks) out.push(mdBlock(b), '');
  }
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

const ROLE_COLOURS: Record<string, string> = {
  industry: '#1f77b4',
  'research-education': '#2ca02c',
  public: '#d62728',
  'civil-society': '#9467bd',
  startup: '#ff7f0e',
  financier: '#8c564b',
  individual: '#7f7f7f',
};

function htmlBlock(b: Block): string {
  switch (b.kind) {
    case 'p':
      return `<p>${htmlText(b.text)}</p>`;
    case 'list':
      return `<ul>\n${b.items.map((i) => `<li>${htmlText(i)}</li>`).join('\n')}\n</ul>`;
    case 'table': {
      const cls = (i: number) => (b.align?.[i] === 'right' ? ' class="num"' : '');
      const head = b.head.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join('');
      const rows = b.rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${htmlText(c)}</td>`).join('')}</tr>`).join('\n');
      return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
    }
    case 'bars': {
      const rows = b.items
        .map((it) => {
          const w = Math.max(0, Math.min(100, it.share * 100)).toFixed(1);
          const colour = ROLE_COLOURS[it.key ?? it.label] ?? '#4e79a7';
          return (
            `<div class="bar"><span class="bar-label">${escapeHtml(it.label)}</span>` +
            `<span class="bar-track"><span class="bar-fill" style="width:${w}%;background:${colour}"></span></span>` +
            `<span class="bar-value">${escapeHtml(it.value)} (${escapeHtml(it.shareText ?? `${Math.round(it.share * 100)}%`)})</span></div>`
          );
        })
        .join('\n');
      return `<div class="bars">\n${rows}\n</div>`;
    }
  }
}

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.3rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.meta{color:#555;font-size:.9rem;margin:0}.how{color:#555;font-style:italic;font-size:.92rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.92rem}th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.bars{margin:.6rem 0}.bar{display:flex;align-items:center;gap:.5rem;margin:.15rem 0;font-size:.92rem}
.bar-label{width:11rem}.bar-track{flex:1;background:#eee;height:.9rem;border-radius:2px;max-width:24rem}
.bar-fill{display:block;height:100%;border-radius:2px}.bar-value{width:8rem;font-variant-numeric:tabular-nums}
@media print{body{margin:0}}
`;

/** The report as one self-contained HTML page. */
export function renderHtml(doc: ReportDoc): string {
  const out: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(doc.lang ?? 'en')}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(doc.title)}</h1>`,
  ];
  for (const m of doc.meta) out.push(`<p class="meta">${escapeHtml(m)}</p>`);
  for (const s of doc.sections) {
    out.push(`<section id="${escapeHtml(s.id)}">`, `<h2>${escapeHtml(s.title)}</h2>`);
    if (s.howToRead) out.push(`<p class="how">${escapeHtml(s.howToRead)}</p>`);
    for (const b of s.blocks) out.push(htmlBlock(b));
    out.push('</section>');
  }
  out.push('</body>', '</html>');
  return out.join('\n') + '\n';
}

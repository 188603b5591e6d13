/**
 * Finnish and English: choosing the language, the number formats, the completeness of the Finnish
 * catalogue, and the reports in Finnish (analysis, summary, simulation tables, impact report) —
 * with English unchanged (the byte-for-byte checks of English outputs are scripts/output-hashes.mjs).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { messages, numberFormats, parseLocale, resolveLocale } from '../src/i18n/index.js';
import { en } from '../src/i18n/messages/en.js';
import { fi } from '../src/i18n/messages/fi.js';
import { cliLocale, cliCsvDialect } from '../src/cli/options.js';
import { readNetworkFiles } from '../src/node/files.js';
import { analyzeNetwork } from '../src/metrics/analyze.js';
import { buildAnalysisReport, renderAnalysisCsv, renderAnalysisHtml, renderAnalysisMarkdown } from '../src/report/analysis.js';
import { renderSummaryText } from '../src/report/summary.js';
import { summarizeNetwork } from '../src/model/summary.js';
import { lockInReasons } from '../src/metrics/lockin/reasons.js';
import { csvPreamble, csvRows } from '../src/util/csv.js';
import { fmt } from '../src/scenario/format.js';
import { runCli } from './helpers/cli.js';

describe('choosing the language', () => {
  it('reads language tags leniently, the language part only', () => {
    expect(parseLocale('fi')).toBe('fi');
    expect(parseLocale('FI')).toBe('fi');
    expect(parseLocale('fi_FI.UTF-8')).toBe('fi');
    expect(parseLocale('fi-FI')).toBe('fi');
    expect(parseLocale('en_GB.UTF-8')).toBe('en');
    expect(parseLocale('sv_FI.UTF-8')).toBeUndefined();
    expect(parseLocale('C.UTF-8')).toBeUndefined();
    expect(resolveLocale([undefined, 'de-DE', 'fi'])).toBe('fi');
    expect(resolveLocale(['sv-SE'])).toBe('en');
  });

  it('the CLI: --lang, then HELIXLAB_LANG, then the POSIX locale (LC_ALL before LC_MESSAGES before LANG)', () => {
    expect(cliLocale('en', { HELIXLAB_LANG: 'fi' })).toBe('en');
    expect(cliLocale(undefined, { HELIXLAB_LANG: 'fi', LANG: 'en_US.UTF-8' })).toBe('fi');
    expect(cliLocale(undefined, { LANG: 'fi_FI.UTF-8' })).toBe('fi');
    expect(cliLocale(undefined, { LC_ALL: 'C', LANG: 'fi_FI.UTF-8' })).toBe('en');
    expect(cliLocale(undefined, { LC_MESSAGES: 'fi_FI.UTF-8', LANG: 'en_US.UTF-8' })).toBe('fi');
    expect(cliLocale(undefined, {})).toBe('en');
    expect(() => cliLocale(undefined, { HELIXLAB_LANG: 'fin' })).toThrow(/HELIXLAB_LANG: expected one of en, fi, got 'fin'/);
  });

  it('the CSV dialect follows the language unless given', () => {
    expect(cliCsvDialect(undefined, 'fi')).toBe('excel-fi');
    expect(cliCsvDialect(undefined, 'en')).toBe('rfc4180');
    expect(cliCsvDialect('rfc4180', 'fi')).toBe('rfc4180');
  });
});

describe('numbers, money and dates per language', () => {
  const f = numberFormats('fi');
  const e = numberFormats('en');
  it('Finnish: no-break space thousands, decimal comma, minus sign, 73 %, 75 000 €, d.m.yyyy', () => {
    expect(f.money(75000)).toBe('75\u00a0000\u00a0€');
    expect(f.int(1234567)).toBe('1\u00a0234\u00a0567');
    expect(f.num(0.346, 2)).toBe('0,35');
    expect(f.num(-0.35, 2)).toBe('−0,35');
    expect(f.num(1234.5, 1)).toBe('1234,5');
    expect(f.pct(0.734)).toBe('73\u00a0%');
    expect(f.pct(0.004)).toBe('0,4\u00a0%');
    expect(f.wholePct(0.004)).toBe('0\u00a0%');
    expect(f.signed(-0.05, 2)).toBe('−0,05');
    expect(f.signed(0.12, 2)).toBe('+0,12');
    expect(f.date('2024-03-05')).toBe('5.3.2024');
    expect(f.plain(0.5)).toBe('0,5');
  });
  it('English keeps the conventions of the English reports', () => {
    expect(e.money(75000)).toBe('75,000 EUR');
    expect(e.num(0.346, 2)).toBe('0.35');
    expect(e.pct(0.734)).toBe('73%');
    expect(e.date(new Date(Date.UTC(2024, 2, 5)))).toBe('2024-03-05');
    expect(fmt(1_620_000)).toBe('1.62 M');
    expect(fmt(1_620_000, 'fi')).toBe('1,62\u00a0milj.');
    expect(fmt(12345, 'fi')).toBe('12\u00a0345');
  });
});

describe('the Finnish catalogue', () => {
  /** Every leaf of a catalogue: its path, and for a function its text with sample arguments. */
  function leaves(o: unknown, path = ''): Array<[string, unknown]> {
    if (o === null || typeof o !== 'object' || Array.isArray(o)) return [[path, o]];
    return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }
  it('fills every key of the English one, with text of its own', () => {
    const enLeaves = new Map(leaves(en));
    const fiLeaves = new Map(leaves(fi));
    const missing = [...enLeaves.keys()].filter((k) => !fiLeaves.has(k) && !/^scenario\.(metricNames|units)$/.test(k));
    expect(missing).toEqual([]);
    const empty = [...fiLeaves.entries()].filter(([, v]) => v === '' || (Array.isArray(v) && v.length === 0));
    expect(empty).toEqual([]);
    // a sample of phrases is really translated
    expect(fi.analysis.headlineTitle).not.toBe(en.analysis.headlineTitle);
    expect(fi.analysis.brokersTitle).toBe('Keskeisimmät välittäjät');
    expect(fi.roles['civil-society']).toBe('kolmas sektori');
  });
  it('uses the cookbook spelling of the helix models (Triple Helix -malli), not kolmoiskierre', () => {
    expect(fi.analysis.triple).toMatch(/^Triple Helix -malli/);
    expect(fi.analysis.quadruple).toMatch(/^Quadruple Helix -malli/);
    expect(fi.analysis.penta).toMatch(/^Penta Helix -malli/);
    const glossary = readFileSync('docs/glossary-fi.md', 'utf8');
    expect(glossary).toContain('Triple Helix -malli');
    expect(glossary).toMatch(/lukkiutuminen \| "jos toiminnan lukkiutuminen/);
  });
});

describe('the reports in Finnish', () => {
  const net = readNetworkFiles(['data/security-pirkanmaa.json']).network;
  const r = analyzeNetwork(net, { seed: 1, permutations: 50 });

  it('the analysis report: Finnish titles, words and numbers; the HTML says lang="fi"', () => {
    const md = renderAnalysisMarkdown(r, { lang: 'fi', files: ['x.json'] });
    for (const t of [
      '# Verkostoanalyysi',
      '## Yhteenveto',
      '## Lukkiutumisen riski',
      '## Keskeisimmät välittäjät',
      '## Toimijarakenne',
      '## ESCA-tarkistus',
      '## Resilienssi',
      '## Ryhmittymät',
    ]) {
      expect(md).toContain(t);
    }
    expect(md).toContain('112 toimijaa');
    expect(md).toContain('Penta Helix -malli (+ startup-yritykset ja rahoittajat): puuttuu rahoittajat');
    expect(md).not.toMatch(/## (Headline|Top brokers|Helix mix|Communities)/);
    expect(md).toMatch(/\d,\d\d/); // decimal commas
    const html = renderAnalysisHtml(r, { lang: 'fi' });
    expect(html).toContain('<html lang="fi">');
    expect(html).toContain('<h2>Keskeisimmät välittäjät</h2>');
  });

  it('lock-in reasons are regenerated in Finnish from the details; the JSON keeps the English ones', () => {
    const doc = buildAnalysisReport(r, { lang: 'fi' });
    const lock = doc.sections.find((s) => s.id === 'lock-in')!;
    const list = lock.blocks.find((b) => b.kind === 'list') as { items: string[] };
    expect(list.items.length).toBe(r.lockIn.reasons.length);
    expect(list.items.join(' ')).toMatch(/Keskittyneisyys \d,\d\d: parhaiten verkottunut toimija/);
    expect(r.lockIn.reasons.join(' ')).toMatch(/Concentration \d\.\d\d/);
    const names = { hubLabel: 'Hub', brokerLabel: 'Broker', hubDegree: 5 };
    expect(lockInReasons(r.lockIn.components, r.lockIn.weights, r.lockIn.details, names)).toEqual(
      lockInReasons(r.lockIn.components, r.lockIn.weights, r.lockIn.details, names, 'en'),
    );
  });

  it('the network summary of info in Finnish: 75 000 € style money, role and form names', () => {
    const text = renderSummaryText(summarizeNetwork(readNetworkFiles(['data/construction-psrk.json']).network), ['x'], 'json', 'fi');
    expect(text).toContain('Toimijat: 151');
    expect(text).toContain('Profiili: Pohjois-Suomen rakennusklusteri ry (rekisteröity yhdistys)');
    expect(text).toContain('rahoitus 2024: 300\u00a0000\u00a0€');
    expect(text).toContain('Penta Helix -malli:     ei (puuttuu rahoittajat)');
  });

  it('CSV for Finnish Excel: ; between fields, decimal comma, a byte order mark; machine column names stay English', () => {
    const csv = renderAnalysisCsv(r, { dialect: 'excel-fi' });
    expect(csv.startsWith('\uFEFFid;label;helix;')).toBe(true);
    const row = csv.split('\n')[1]!.split(';');
    expect(row.some((c) => /^\d+,\d+$/.test(c))).toBe(true);
    expect(csvPreamble('rfc4180')).toBe('');
    expect(csvRows([['a', 0.5, -1.5e-7, true, null]], { dialect: 'excel-fi' })).toBe('a;0,5;-1,5e-7;true;\n');
    expect(csvRows([['a, b', 0.5]], { dialect: 'excel-fi' })).toBe('a, b;0,5\n');
  });

  it('the language of the report never changes the numbers of the analysis', () => {
    expect(messages('fi').lockInLevels[r.lockIn.level]).toMatch(/matala|kohtalainen|korkea/);
    expect(renderAnalysisMarkdown(r)).toBe(renderAnalysisMarkdown(r, { lang: 'en' }));
  });
});

describe('the CLI in Finnish', () => {
  it('analyze --lang fi --out raportti.html reads as Finnish; HELIXLAB_LANG=fi does the same', async () => {
    const a = await runCli(['analyze', 'data/security-pirkanmaa.json', '--lang', 'fi', '--format', 'html', '--permutations', '20']);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('<title>Verkostoanalyysi: Pirkanmaa security cluster, reconstructed</title>');
    const b = await runCli(['info', 'data/tiny.json'], { HELIXLAB_LANG: 'fi' });
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('Toimijat: 12');
  });

  it('simulate and compare tables in Finnish, CSV in the excel-fi dialect by default', async () => {
    const t = await runCli(['simulate', 'scenarios/permanent.json', '--runs', '5', '--lang', 'fi', '--workers', '1']);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('Skenaario permanent: 5 ajoa');
    expect(t.stdout).toContain('mittari');
    const c = await runCli(['simulate', 'scenarios/permanent.json', '--runs', '5', '--lang', 'fi', '--format', 'csv', '--workers', '1']);
    expect(c.stdout.startsWith('\uFEFFscenario;metric;year;mean;')).toBe(true);
  });
});

describe("the browser app's words", () => {
  /** Every leaf of a catalogue section: its path and value (functions called with sample arguments). */
  function leaves(o: unknown, path = ''): Array<[string, unknown]> {
    if (o === null || typeof o !== 'object' || Array.isArray(o)) return [[path, o]];
    return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }
  /** A message's text: a string as it is, a function called with sample arguments of its arity. */
  function sample(v: unknown): string {
    if (typeof v === 'string') return v;
    if (typeof v === 'function') {
      const args = ['X', 'Y', 'Z', 'W', 'V', 'U'].slice(0, v.length);
      try {
        return String((v as (...a: unknown[]) => unknown)(...args));
      } catch {
        return String((v as (...a: unknown[]) => unknown)(...[2, 3, 4, 5, 6].slice(0, v.length)));
      }
    }
    return String(v);
  }

  it('are one section of the catalogue, and Finnish fills every key of it with text of its own', () => {
    const enApp = new Map(leaves(en.app));
    const fiApp = new Map(leaves(fi.app));
    expect(enApp.size).toBeGreaterThan(300);
    expect([...enApp.keys()].filter((k) => !fiApp.has(k))).toEqual([]);
    expect([...fiApp.keys()].filter((k) => !enApp.has(k))).toEqual([]);
    for (const [k, v] of fiApp) {
      expect(typeof v, k).toBe(typeof enApp.get(k));
      expect(sample(v).trim(), k).not.toBe('');
    }
    // Translated, not copied: all but the names that are the same in both languages.
    const same = [...fiApp].filter(([k, v]) => sample(v) === sample(enApp.get(k))).map(([k]) => k);
    expect(same.sort()).toEqual(
      [
        'appName', // HelixLab
        'measures.pagerank.label', // PageRank
        'panels.atLeast', // ≥ k
        'summary.penta', // the cookbook keeps the English model names
        'summary.quadruple',
        'summary.triple',
      ].sort(),
    );
    // Domain words as the glossary has them.
    expect(fi.app.roles['civil-society']).toBe('Kolmas sektori');
    expect(fi.app.roles.startup).toBe('Startup-yritykset');
    expect(fi.app.summary.lockin).toBe('Lukkiutumisen riski');
    expect(fi.app.summary.lockinParts.brokerDependence).toBe(fi.analysis.components.brokerDependence.toLowerCase());
    const glossary = readFileSync('docs/glossary-fi.md', 'utf8');
    for (const w of ['verkostokartta', 'asettelu', 'rajaus', 'selite', 'lähiverkosto', 'lukkiutumisen riskikohta', 'klusterointikerroin'])
      expect(glossary, w).toContain(w);
  });

  it('no text for people is written in viz/src outside the catalogue (a scan of the sources)', async () => {
    const ts = (await import('typescript')).default;
    const { readdirSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk('viz/src');
    /** Literals (`file: text`) that are not words for people although they look like them, and why. */
    const allowed = new Map<string, string>([
      ['viz/src/dom.ts: missing element  ', 'a programming error of $() (never shown)'],
      ['viz/src/network-session.ts: map container not set', 'a programming error (never shown)'],
      ['viz/src/persist.ts: IndexedDB is not available', "a technical cause inside the catalogue's storeFailed message"],
      ['viz/src/persist.ts: IndexedDB open failed', "a technical cause inside the catalogue's storeFailed message"],
      ['viz/src/persist.ts: IndexedDB transaction failed', "a technical cause inside the catalogue's storeFailed message"],
      ['viz/src/render/image-export.ts: PNG encoding failed', 'a technical cause under the catalogue title exportTitle'],
      ['viz/src/render/overlay.ts: 12px Inter, "Segoe UI", system-ui, Helvetica, Arial, sans-serif', 'a canvas font'],
      ['viz/src/render/fast-motion.ts: fast-motion: cannot create a shader', 'WebGL trouble: logged, the map falls back to plain sigma'],
      ['viz/src/render/fast-motion.ts: fast-motion: shader:  ', 'WebGL trouble: logged, the map falls back to plain sigma'],
      ['viz/src/render/fast-motion.ts: compile error', 'WebGL trouble: logged, the map falls back to plain sigma'],
      ['viz/src/render/fast-motion.ts: fast-motion: cannot create a program', 'WebGL trouble: logged, the map falls back to plain sigma'],
      ['viz/src/render/fast-motion.ts: fast-motion: link:  ', 'WebGL trouble: logged, the map falls back to plain sigma'],
      ['viz/src/actions.ts: label', "the appearance's default label key"],
      ['viz/src/model/viewstate.ts: (no sector)', 'the key of the no-sector filter entry (shown as S.panels.noSector)'],
      ['viz/src/open.ts: https://…/network.gexf', 'an example address (the same in every language)'],
    ]);
    /** Properties and attributes whose values people read. */
    const VISIBLE_KEYS = new Set(['title', 'placeholder', 'aria-label', 'label', 'message', 'text', 'alt', 'aria-description']);
    /** Properties whose values are class lists, styles, ids or keys (never read by people). */
    const CODE_KEYS = new Set([
      'class',
      'style',
      'id',
      'type',
      'role',
      'for',
      'value',
      'code',
      'severity',
      'field',
      'key',
      'group',
      'kind',
    ]);
    const found: string[] = [];
    for (const f of files.filter((p) => !p.endsWith('strings.ts') && !p.endsWith('.d.ts'))) {
      const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.ES2022, true);
      const textOf = (n: import('typescript').Node): string | null =>
        ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)
          ? n.text
          : ts.isTemplateExpression(n)
            ? [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(' ')
            : null;
      /** Is the literal where people read it: a child of h(), a visible property, a text assignment, a note? */
      const visiblePosition = (n: import('typescript').Node): boolean => {
        const p = n.parent;
        if (ts.isCallExpression(p)) {
          const callee = p.expression.getText(sf);
          const i = p.arguments.indexOf(n as import('typescript').Expression);
          if (callee === 'h' && i >= 2) return true;
          const args: Record<string, number[]> = { note: [0], setBusy: [0], showMessages: [0], field: [0, 3], showErrors: [1] };
          if (args[callee]?.includes(i)) return true;
          if (/\.setAttribute$/.test(callee) && i === 1) return VISIBLE_KEYS.has(textOf(p.arguments[0]!) ?? '');
        }
        if (ts.isPropertyAssignment(p) && p.initializer === n) {
          const name = p.name.getText(sf).replace(/^['"]|['"]$/g, '');
          if (VISIBLE_KEYS.has(name)) return true;
        }
        if (ts.isBinaryExpression(p) && p.right === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken)
          return /\.(textContent|title|placeholder|data|innerText)$/.test(p.left.getText(sf));
        if (ts.isConditionalExpression(p) || ts.isParenthesizedExpression(p) || ts.isBinaryExpression(p)) return visiblePosition(p);
        return false;
      };
      const codePosition = (n: import('typescript').Node): boolean => {
        const p = n.parent;
        if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isLiteralTypeNode(p)) return true;
        if (ts.isPropertyAssignment(p) && p.initializer === n) {
          const name = p.name.getText(sf).replace(/^['"]|['"]$/g, '');
          if (CODE_KEYS.has(name) || name.startsWith('data-') || (name.startsWith('aria-') && !VISIBLE_KEYS.has(name))) return true;
        }
        if (ts.isCallExpression(p)) {
          const callee = p.expression.getText(sf);
          if (/classList\.|querySelector|closest|matches|import\.meta\.glob|getAttribute|removeAttribute|^err$|^console\./.test(callee))
            return true;
          if (callee === 'download' && p.arguments.indexOf(n as import('typescript').Expression) === 0) return true;
          if (/\.setAttribute$/.test(callee) && p.arguments.indexOf(n as import('typescript').Expression) === 0) return true;
        }
        if (ts.isNewExpression(p) && /URL|Worker/.test(p.expression.getText(sf))) return true;
        if (ts.isCaseClause(p) || ts.isElementAccessExpression(p)) return true;
        if (ts.isBinaryExpression(p) && /^[=!]==?$/.test(p.operatorToken.getText(sf))) return true;
        return false;
      };
      const visit = (n: import('typescript').Node): void => {
        const t = textOf(n);
        if (t !== null) {
          const { line } = sf.getLineAndCharacterOfPosition(n.getStart(sf));
          const where = `${f}:${line + 1}: ${JSON.stringify(t)}`;
          // two words with a space between them (not file names, keys or dotted ids), not markup or shader code
          const words = /\p{L}{2,}[,.:;!?…]* +\p{L}{2,}/u.test(t) && !/^\s*[<#]/.test(t);
          if (!allowed.has(`${f}: ${t}`) && !codePosition(n) && ((visiblePosition(n) && /\p{L}{2,}/u.test(t)) || words)) found.push(where);
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    expect(found).toEqual([]);
  });
});

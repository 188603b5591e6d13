/**
 * The plain-language reasons of a lock-in result: one sentence per component that was judged (what
 * was measured, against what, and how much the component weighs), and what is missing for the
 * components that could not be judged. In English by default (the JSON contract); the reports ask
 * for other languages (the words are in the message catalogue, `src/i18n`).
 */
import { messages, numberFormats, type Locale } from '../../i18n/index.js';
import type { HelixRole } from '../../model/types.js';
import { LOCKIN_COMPONENTS, type LockInComponent, type LockInDetails, type LockInWeights } from './types.js';

/** The plain-language reasons, the heaviest contributions first. */
export function lockInReasons(
  components: Record<LockInComponent, number | null>,
  weights: LockInWeights,
  d: LockInDetails,
  names: { hubLabel: string | null; brokerLabel: string | null; hubDegree: number },
  locale: Locale = 'en',
): string[] {
  const m = messages(locale).lockIn;
  if (d.actors < 3 || d.ties === 0) return [m.tooSmall(d.actors, d.ties)];
  const out: Array<{ key: number; text: string }> = [];
  const missing: string[] = [];
  for (const c of LOCKIN_COMPONENTS) {
    const x = components[c];
    if (x === null) {
      missing.push(m.missing[c]);
      continue;
    }
    out.push({ key: weights[c] * x, text: componentText(c, x, d, names, locale) });
  }
  out.sort((a, b) => b.key - a.key);
  return [...out.map((o) => o.text), ...missing];
}

function componentText(
  c: LockInComponent,
  x: number,
  d: LockInDetails,
  names: { hubLabel: string | null; brokerLabel: string | null; hubDegree: number },
  locale: Locale,
): string {
  const m = messages(locale).lockIn;
  const f = numberFormats(locale);
  const pct = (v: number): string => f.wholePct(v);
  const r = f.num(x, 2);
  const role = (h: HelixRole): string => messages(locale).roles[h];
  switch (c) {
    case 'closure':
      return m.closure(r, pct(d.transitivity ?? 0), pct(d.density), x >= 0.4);
    case 'insularity':
      return m.insularity(
        r,
        d.internalRoleShare !== null ? pct(d.internalRoleShare) : null,
        d.internalSectorShare !== null ? pct(d.internalSectorShare) : null,
        x >= 0.5,
      );
    case 'concentration':
      return m.concentration(r, names.hubLabel, names.hubDegree, pct(d.hubShare ?? 0), x >= 0.5);
    case 'homogeneity':
      return m.homogeneity(
        r,
        d.dominantRole ? { share: pct(d.dominantRoleShare ?? 0), role: role(d.dominantRole) } : null,
        pct(d.roleIqv ?? 0),
        d.sectorIqv !== null ? pct(d.sectorIqv) : null,
        x >= 0.5,
      );
    case 'brokerDependence':
      return d.topBroker === null || (d.topBrokerShare ?? 0) === 0
        ? m.brokerDirect(r)
        : m.broker(
            r,
            names.brokerLabel,
            pct(d.topBrokerShare ?? 0),
            (d.fragmentationIncrease ?? 0) > 0.005 ? pct(d.fragmentationIncrease ?? 0) : null,
          );
    case 'renewal':
      return m.renewal(
        r,
        d.youngTieShare !== null ? pct(d.youngTieShare) : null,
        d.renewalWindow,
        d.newActorShare !== null ? pct(d.newActorShare) : null,
        d.year,
        x >= 0.5,
      );
  }
}

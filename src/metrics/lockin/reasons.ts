/**
 * The plain-language reasons of a lock-in result: one sentence per component that was judged (what
 * was measured, against what, and how much the component weighs), and what is missing for the
 * components that could not be judged.
 */
import { LOCKIN_COMPONENTS, type LockInComponent, type LockInDetails, type LockInWeights } from './types.js';

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** The plain-language reasons, the heaviest contributions first. */
export function lockInReasons(
  components: Record<LockInComponent, number | null>,
  weights: LockInWeights,
  d: LockInDetails,
  names: { hubLabel: string | null; brokerLabel: string | null; hubDegree: number },
): string[] {
  if (d.actors < 3 || d.ties === 0) {
    return [`The network is too small to judge lock-in (${d.actors} actors, ${d.ties} ties).`];
  }
  const out: Array<{ key: number; text: string }> = [];
  const missing: string[] = [];
  for (const c of LOCKIN_COMPONENTS) {
    const x = components[c];
    if (x === null) {
      missing.push(missingText(c));
      continue;
    }
    out.push({ key: weights[c] * x, text: componentText(c, x, d, names) });
  }
  out.sort((a, b) => b.key - a.key);
  return [...out.map((o) => o.text), ...missing];
}

function missingText(c: LockInComponent): string {
  switch (c) {
    case 'closure':
      return 'Closure could not be judged: no actor has two partners.';
    case 'insularity':
      return 'Insularity could not be judged: no tie has both roles known.';
    case 'concentration':
      return 'Concentration could not be judged: too few actors or ties.';
    case 'homogeneity':
      return 'Homogeneity could not be judged: no helix roles known.';
    case 'brokerDependence':
      return 'Broker dependence was not judged: no actor has partners in two different helix roles, so there is no cross-helix brokerage to depend on.';
    case 'renewal':
      return 'Renewal could not be judged: the data has no years for ties or for when actors joined.';
  }
}

function componentText(
  c: LockInComponent,
  x: number,
  d: LockInDetails,
  names: { hubLabel: string | null; brokerLabel: string | null; hubDegree: number },
): string {
  const r = x.toFixed(2);
  switch (c) {
    case 'closure':
      return (
        `Closure ${r}: ${pct(d.transitivity ?? 0)} of the actor triples that could close into a triangle do so, ` +
        `against ${pct(d.density)} expected in a random network of the same density` +
        (x >= 0.4 ? ' — partners mostly know each other already, so little new information comes in.' : '.')
      );
    case 'insularity': {
      const parts: string[] = [];
      if (d.internalRoleShare !== null) parts.push(`${pct(d.internalRoleShare)} of ties stay within the same helix role`);
      if (d.internalSectorShare !== null) parts.push(`${pct(d.internalSectorShare)} within the same sector`);
      return (
        `Insularity ${r}: ${parts.join(' and ')}` +
        (x >= 0.5 ? ' — few ties cross between firms, research, the public sector and others.' : '.')
      );
    }
    case 'concentration':
      return (
        `Concentration ${r}: the best-connected actor${names.hubLabel ? `, ${names.hubLabel},` : ''} is tied to ${names.hubDegree} others ` +
        `(${pct(d.hubShare ?? 0)} of the actors); degree centralisation is ${r}` +
        (x >= 0.5 ? ' — the cluster depends on one hub or anchor.' : '.')
      );
    case 'homogeneity': {
      const dom = d.dominantRole ? `${pct(d.dominantRoleShare ?? 0)} of actors are ${d.dominantRole}` : 'roles unknown';
      const sec = d.sectorIqv !== null ? `; sector diversity is ${pct(d.sectorIqv)} of its maximum` : '';
      return (
        `Homogeneity ${r}: ${dom}; helix-role diversity (IQV) is ${pct(d.roleIqv ?? 0)} of its maximum${sec}` +
        (x >= 0.5 ? ' — the actors are much alike.' : '.')
      );
    }
    case 'brokerDependence':
      return (
        `Broker dependence ${r}: ` +
        (d.topBroker === null || (d.topBrokerShare ?? 0) === 0
          ? 'actors of different helix roles are tied directly; nobody is needed as a go-between.'
          : `${names.brokerLabel} holds ${pct(d.topBrokerShare ?? 0)} of the cross-helix brokerage (partners in different roles that only it connects)` +
            ((d.fragmentationIncrease ?? 0) > 0.005
              ? `; without it ${pct(d.fragmentationIncrease ?? 0)} more of the pairs of actors could no longer reach each other.`
              : '; the network stays connected without it.'))
      );
    case 'renewal': {
      const parts: string[] = [];
      if (d.youngTieShare !== null) parts.push(`${pct(d.youngTieShare)} of ties were formed in the last ${d.renewalWindow} years`);
      if (d.newActorShare !== null) parts.push(`${pct(d.newActorShare)} of actors joined in that time`);
      return (
        `Renewal ${r}: ${parts.join(' and ')}${d.year !== null ? ` (up to ${d.year})` : ''}` +
        (x >= 0.5 ? ' — the network is not renewing itself.' : '.')
      );
    }
  }
}

/**
 * HelixLab domain model: actors typed by helix role, ties between them, two-mode
 * affiliation data (projects, events, sections) and the cluster organisation profile.
 *
 * On disk this is the HelixLab JSON document (`schemas/network.schema.json`); in memory a
 * {@link Network} is a graphology graph plus the affiliations and the profile.
 */
import type { MultiUndirectedGraph } from 'graphology';

/** The helix roles, in the order used for tables and colour legends. */
export const HELIX_ROLES = ['industry', 'research-education', 'public', 'civil-society', 'startup', 'financier', 'individual'] as const;
export type HelixRole = (typeof HELIX_ROLES)[number];

/** Kinds of tie between two actors (`survey`: named in a member survey, see `helixlab import survey`). */
export const TIE_KINDS = ['cooperation', 'project', 'section', 'supply', 'information', 'membership', 'survey'] as const;
export type TieKind = (typeof TIE_KINDS)[number];

/** Kinds of activity in two-mode (affiliation) data. */
export const ACTIVITY_KINDS = ['project', 'event', 'section', 'team', 'visit', 'matchmaking', 'other'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Organisation forms of a cluster organisation (cookbook lines 1542-1553, 1599-1640). */
export const ORGANISATION_FORMS = [
  'association',
  'development-company-project',
  'contract-based',
  'city-programme',
  'limited-company',
  'anchor-firm-led',
  'cooperative',
  'other',
] as const;
export type OrganisationForm = (typeof ORGANISATION_FORMS)[number];

/** Attribute values kept as they are (free attributes from files). */
export type AttributeValue = string | number | boolean | null;
export type Attributes = Record<string, AttributeValue>;

export interface Actor {
  id: string;
  label: string;
  helix: HelixRole;
  /** e.g. large-firm, sme, university, uas, vocational-school, research-institute, city,
   *  regional-council, authority, development-company, association, ngo */
  subtype?: string;
  sector?: string;
  region?: string;
  /** Year the actor joined the cluster. */
  joined?: number;
  /** Free attributes, kept as they are. */
  attributes?: Attributes;
}

export interface Tie {
  source: string;
  target: string;
  kind?: TieKind;
  /** A strength (> 0); default 1. */
  weight?: number;
  since?: number;
  until?: number;
  attributes?: Attributes;
}

/** One activity of two-mode data with its participants. */
export interface Activity {
  id: string;
  label?: string;
  kind: ActivityKind;
  /** Year (for one-off activities) or start year. */
  year?: number;
  /** End year for activities lasting several years (projects). */
  endYear?: number;
  participants: string[];
  attributes?: Attributes;
}

export interface YearValue {
  year: number;
  value: number;
}

export interface FundingStream {
  /** e.g. city, regional-council, erdf, interreg, member-fees, anchor-firm, state, eu-horizon */
  source: string;
  /** long-term (permanent base), project, members, anchor, other */
  type: 'long-term' | 'project' | 'members' | 'anchor' | 'other';
  year: number;
  eur: number;
}

/** The cluster organisation profile. */
export interface ClusterProfile {
  name: string;
  form: OrganisationForm;
  /** Actor ids (or names, when the coordinator is not an actor of the network). */
  coordinators: string[];
  staffFte: YearValue[];
  funding: FundingStream[];
  activitiesPerYear: YearValue[];
  focusAreas: string[];
  sections: string[];
  /** Free attributes (founding year, notes, sources). */
  attributes?: Attributes;
}

/** The HelixLab JSON document (format version 1). */
export interface NetworkDocument {
  format: 'helixlab';
  version: 1;
  name?: string;
  description?: string;
  /** Provenance: where the data came from (e.g. "Source: CORDIS, European Union"). */
  source?: string;
  actors: Actor[];
  ties: Tie[];
  activities?: Activity[];
  profile?: ClusterProfile;
}

/** Node attributes in the graphology graph: the actor's fields flattened with its free attributes. */
export interface NodeAttributes {
  label: string;
  helix: HelixRole;
  subtype?: string;
  sector?: string;
  region?: string;
  joined?: number;
  [key: string]: AttributeValue | undefined;
}

/** Edge attributes. `origin: 'affiliation'` marks ties projected from activities. */
export interface EdgeAttributes {
  kind?: TieKind;
  weight: number;
  since?: number;
  until?: number;
  origin?: 'tie' | 'affiliation';
  [key: string]: AttributeValue | undefined;
}

export type HelixGraph = MultiUndirectedGraph<NodeAttributes, EdgeAttributes>;

/** A network in memory. */
export interface Network {
  name?: string;
  description?: string;
  source?: string;
  /** Undirected multigraph with self-loops allowed: every tie as read, plus the projection of activities. */
  graph: HelixGraph;
  activities: Activity[];
  profile?: ClusterProfile;
}

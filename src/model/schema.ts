/**
 * The JSON Schema (draft-07) of the HelixLab network document, format version 1, as a TS const.
 * The same schema is published as `schemas/network.schema.json` (a test keeps the two identical).
 *
 * The schema describes the shape and the allowed values. The loader (`src/io/json.ts` with
 * `src/io/validate.ts`) applies it with messages for people (line and column of the offending
 * value, "did you mean"), and adds the checks a schema cannot express: unique ids, ties and
 * participants that name existing actors, `since <= until`, year sanity, self-loops (a warning).
 *
 * Defaults applied on load: `ties` and `activities` may be left out (empty); an actor without a
 * `label` is labelled by its id; a tie without a `weight` has weight 1; the profile's lists may be
 * left out (empty).
 */
import { ACTIVITY_KINDS, HELIX_ROLES, ORGANISATION_FORMS, TIE_KINDS } from './types.js';

export const FUNDING_TYPES = ['long-term', 'project', 'members', 'anchor', 'other'] as const;

const year = { type: 'integer' } as const;
const text = { type: 'string' } as const;
const attributes = { $ref: '#/definitions/attributes' } as const;

export const NETWORK_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://helixlab.example/schemas/network.schema.json',
  title: 'HelixLab network document',
  description:
    'A regional business cluster as a network of actors typed by helix role, with ties, two-mode activities and the cluster organisation profile.',
  type: 'object',
  required: ['format', 'version', 'actors'],
  additionalProperties: false,
  properties: {
    format: { const: 'helixlab', description: 'Always "helixlab".' },
    version: { const: 1, description: 'Format version.' },
    name: text,
    description: text,
    source: { type: 'string', description: 'Provenance, e.g. "Source: CORDIS, European Union".' },
    actors: { type: 'array', items: { $ref: '#/definitions/actor' } },
    ties: { type: 'array', items: { $ref: '#/definitions/tie' } },
    activities: { type: 'array', items: { $ref: '#/definitions/activity' } },
    profile: { $ref: '#/definitions/profile' },
  },
  definitions: {
    attributes: {
      type: 'object',
      description: 'Free attributes, kept as they are.',
      additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
    },
    actor: {
      type: 'object',
      required: ['id', 'helix'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', minLength: 1 },
        label: text,
        helix: { enum: [...HELIX_ROLES] },
        subtype: text,
        sector: text,
        region: text,
        joined: year,
        attributes,
      },
    },
    tie: {
      type: 'object',
      required: ['source', 'target'],
      additionalProperties: false,
      properties: {
        source: { type: 'string', minLength: 1 },
        target: { type: 'string', minLength: 1 },
        kind: { enum: [...TIE_KINDS] },
        weight: { type: 'number', exclusiveMinimum: 0, description: 'A strength (> 0); default 1.' },
        since: year,
        until: year,
        attributes,
      },
    },
    activity: {
      type: 'object',
      required: ['id', 'kind', 'participants'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', minLength: 1 },
        label: text,
        kind: { enum: [...ACTIVITY_KINDS] },
        year,
        endYear: year,
        participants: { type: 'array', items: { type: 'string', minLength: 1 } },
        attributes,
      },
    },
    yearValue: {
      type: 'object',
      required: ['year', 'value'],
      additionalProperties: false,
      properties: { year, value: { type: 'number' } },
    },
    fundingStream: {
      type: 'object',
      required: ['source', 'type', 'year', 'eur'],
      additionalProperties: false,
      properties: {
        source: text,
        type: { enum: [...FUNDING_TYPES] },
        year,
        eur: { type: 'number', minimum: 0 },
      },
    },
    profile: {
      type: 'object',
      required: ['name', 'form'],
      additionalProperties: false,
      properties: {
        name: text,
        form: { enum: [...ORGANISATION_FORMS] },
        coordinators: { type: 'array', items: text },
        staffFte: { type: 'array', items: { $ref: '#/definitions/yearValue' } },
        funding: { type: 'array', items: { $ref: '#/definitions/fundingStream' } },
        activitiesPerYear: { type: 'array', items: { $ref: '#/definitions/yearValue' } },
        focusAreas: { type: 'array', items: text },
        sections: { type: 'array', items: text },
        attributes,
      },
    },
  },
} as const;

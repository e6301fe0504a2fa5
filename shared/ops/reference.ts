import { z } from 'zod';
import { op } from '../define';
import { BUSINESS_ROLES } from '../roles';
import { id, none, optText, str, text } from '../schemas';
import type { BasisEntry, CalendarPreview, CalendarStatus, CatalogueEntry, ProfileInfo } from '../types';
import { BASIS_KINDS } from '../workflow';

// What the review refers to: procedures (profiles), the basis library and negative
// list, the working-day calendar, and the catalogue it feeds.

const business = { kind: 'user', roles: [...BUSINESS_ROLES] } as const;

export const profiles = {
  list: op<ProfileInfo[]>()({ input: none, access: { kind: 'user' } }),
  activate: op<ProfileInfo>()({
    input: z.object({ id: z.string().min(1).max(64), version: z.number().int().min(1) }),
    access: { kind: 'user', roles: ['secAdmin'] },
  }),
  save: op<ProfileInfo>()({ input: z.object({ definition: str().min(2).max(200_000) }), access: { kind: 'user', roles: ['secAdmin'] } }),
};

export const basisInput = z.object({
  id: id.nullable(),
  kind: z.enum(BASIS_KINDS),
  title: text(200),
  documentNumber: optText(100),
  scope: optText(1000),
  keywords: z.array(text(50)).max(500),
  patterns: z.array(text(200)).max(100),
  disabled: z.boolean(),
});

export const bases = {
  list: op<BasisEntry[]>()({ input: none, access: { kind: 'user', roles: [...BUSINESS_ROLES, 'secAdmin'] } }),
  save: op<BasisEntry>()({ input: basisInput, access: { kind: 'user', roles: ['secAdmin'] } }),
};

export const calendar = {
  status: op<CalendarStatus>()({ input: none, access: { kind: 'user' } }),
  preview: op<CalendarPreview>()({ input: z.object({ text: str().min(2).max(1_000_000) }), access: { kind: 'user', roles: ['sysAdmin'] } }),
  import: op<CalendarStatus>()({ input: z.object({ text: str().min(2).max(1_000_000) }), access: { kind: 'user', roles: ['sysAdmin'] } }),
};

export const catalogue = {
  list: op<CatalogueEntry[]>()({ input: none, access: business }),
};

import { z } from 'zod';
import { op } from '../define';
import { BUSINESS_ROLES } from '../roles';
import { date, id, none, optText, str, text } from '../schemas';
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
  /** A trial copy no item ever used; refused for shipped, active and used versions. */
  delete: op<null>()({
    input: z.object({ id: z.string().min(1).max(64), version: z.number().int().min(1) }),
    access: { kind: 'user', roles: ['secAdmin'] },
  }),
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

/** From which date deadlines cannot be counted, and the sentence that says so. */
export interface CalendarCoverage extends CalendarStatus {
  uncoveredFrom: string;
  uncoveredNotice: string;
}
/** A running deadline of an open item whose date the proposed calendar changes (no title: 三员 do not read items). */
export interface MovedDeadline {
  item: string;
  label: string;
  before: string | null;
  after: string | null;
}
export interface CalendarChangePreview extends CalendarPreview {
  moved: MovedDeadline[];
  /** Running deadlines checked. */
  running: number;
}
/** One year as the editor shows it; `text` is the export file (null when the year is not covered). */
export interface CalendarYear {
  year: number;
  origin: 'imported' | 'package' | 'none';
  source: string;
  noticeNumber: string;
  noticeDate: string;
  holidays: string[];
  workdays: string[];
  fileName: string;
  text: string | null;
}

export const calendar = {
  status: op<CalendarCoverage>()({ input: none, access: { kind: 'user' } }),
  year: op<CalendarYear>()({ input: z.object({ year: z.number().int().min(2000).max(2100) }), access: { kind: 'user' } }),
  preview: op<CalendarChangePreview>()({ input: z.object({ text: str().min(2).max(1_000_000) }), access: { kind: 'user', roles: ['sysAdmin'] } }),
  import: op<CalendarStatus>()({ input: z.object({ text: str().min(2).max(1_000_000) }), access: { kind: 'user', roles: ['sysAdmin'] } }),
};

/** The catalogue columns a page may be sorted by; ties are broken by item id, so paging is stable. */
export const CATALOGUE_SORTS = ['date', 'title', 'documentNumber', 'category', 'source'] as const;
export const cataloguePageInput = z.object({
  /** Part of the title, 文号 or a keyword (plain substring, any length). */
  text: optText(100).optional(),
  category: optText(100).optional(),
  /** 生成日期 range, inclusive. */
  dateFrom: date.optional(),
  dateTo: date.optional(),
  sort: z.enum(CATALOGUE_SORTS).default('date'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});

/** One page of the catalogue with the total that matches, and every category in use (for the filter). */
export interface CataloguePage {
  rows: CatalogueEntry[];
  total: number;
  page: number;
  pageSize: number;
  categories: string[];
}

export const catalogue = {
  list: op<CatalogueEntry[]>()({ input: none, access: business }),
  page: op<CataloguePage>()({ input: cataloguePageInput, access: business }),
};

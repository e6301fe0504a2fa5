import { z } from 'zod';
import { op } from '../define';
import { date, id, none, optText, str, text } from '../schemas';

// Public versions of carrier files, the 待发布 queue, export to a removable drive, the
// publication register and the website record.

export interface PublicVersionView {
  id: string;
  documentId: string;
  name: string;
  type: string;
  sha256: string;
  originalSha256: string;
  removals: unknown[];
  notes: string[];
  proof: { ok: boolean; problems: string[] };
  status: string;
  createdAt: string;
}

export interface QueueEntry {
  itemId: string;
  title: string;
  documentNumber: string;
  outcome: 'PUBLISH' | 'PUBLISH_PART';
  approvedOn: string;
  ready: boolean;
  problem: string | null;
  files: number;
}

export interface RegisterEntry {
  id: number;
  itemId: string;
  title: string;
  documentNumber: string;
  bundleId: string;
  sequence: number;
  folder: string;
  files: string[];
  exportedAt: string;
  exportedBy: string;
  publishedOn: string | null;
  publishedUrl: string | null;
}

export interface ExportResult {
  path: string;
  bundleId: string;
  sequence: number;
  manifestSha256: string;
  items: number;
  recalls: number;
  skipped: Array<{ itemId: string; title: string; problem: string }>;
}

/** The register columns a page may be sorted by; ties are broken by the entry's id. */
export const REGISTER_SORTS = ['exportedAt', 'title', 'documentNumber', 'sequence', 'publishedOn'] as const;
export const registerPageInput = z.object({
  /** Part of the title or 文号 (plain substring, any length). */
  text: optText(100).optional(),
  /** Only entries recorded as published on the website (true) or still waiting for it (false). */
  published: z.boolean().optional(),
  /** Export date range (Beijing time), inclusive. */
  exportedFrom: date.optional(),
  exportedTo: date.optional(),
  sort: z.enum(REGISTER_SORTS).default('exportedAt'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});

export interface RegisterPage {
  rows: RegisterEntry[];
  total: number;
  page: number;
  pageSize: number;
}

const fraction = z.number().min(0).max(1);
const area = z
  .object({ page: z.number().int().min(1).max(10_000).optional(), x: fraction, y: fraction, width: fraction, height: fraction })
  .refine((a) => a.width > 0 && a.height > 0 && a.x + a.width <= 1.000001 && a.y + a.height <= 1.000001, { message: '删除区域超出了页面范围' });

const reviewers = { kind: 'user', roles: ['handler', 'reviewer', 'secrecyOffice', 'approver', 'deptHead'] } as const;
const publisher = { kind: 'user', roles: ['publisher'] } as const;

export const publicVersions = {
  /** Produces the public version of one carrier file from its confirmed findings, with the proof. */
  produce: op<PublicVersionView>()({
    input: z.object({
      documentId: id,
      masks: z.record(z.string().max(40), z.string().max(40)).default({}),
      /** Areas drawn on a PDF page or an image: fractions of the page, origin top left. */
      areas: z.array(area).max(500).default([]),
      /** A template per finding (its id), over the kind's. */
      findingMasks: z.record(z.string().regex(/^\d{1,12}$/), z.string().max(40)).default({}),
      /** A workbook's hidden rows and columns: shown, or removed with their cells. */
      hiddenRowsAndColumns: z.enum(['reveal', 'remove']).default('reveal'),
    }),
    access: reviewers,
  }),
  /** The public version's bytes, for the side-by-side pages. */
  file: op<{ name: string; type: string; base64: string }>()({ input: z.object({ id }), access: { kind: 'user', roles: [...reviewers.roles, 'publisher'] } }),
  list: op<PublicVersionView[]>()({ input: z.object({ itemId: id }), access: { kind: 'user', roles: [...reviewers.roles, 'publisher'] } }),
  /** The masking templates an agency offers per kind of finding (resources/masks). */
  masks: op<Array<{ kind: string; templates: Array<{ id: string; label: string }> }>>()({ input: none, access: reviewers }),
  /** The text of a public version as the import reads it back, for the side-by-side view. */
  text: op<{ name: string; text: string }>()({ input: z.object({ id }), access: { kind: 'user', roles: [...reviewers.roles, 'publisher'] } }),
};

export interface BundleProgressView {
  /** 0…1, by bytes written. */
  fraction: number;
  bytes: number;
  totalBytes: number;
}

export const publication = {
  /** Removable drives (mounted media, drive letters) the publisher may export to. */
  destinations: op<string[]>()({ input: none, access: publisher }),
  queue: op<QueueEntry[]>()({ input: none, access: publisher }),
  export: op<ExportResult>()({ input: z.object({ parentDir: str().trim().min(1).max(1000) }), access: publisher }),
  register: op<RegisterEntry[]>()({ input: none, access: { kind: 'user', roles: ['publisher', 'secrecyOffice', 'reviewer'] } }),
  /** One page of the register, filtered and sorted in SQL, with the total that matches. */
  registerPage: op<RegisterPage>()({ input: registerPageInput, access: { kind: 'user', roles: ['publisher', 'secrecyOffice', 'reviewer'] } }),
  /** The register as a file: xlsx or CSV (UTF-8 with BOM). */
  registerFile: op<{ fileName: string; base64: string }>()({ input: z.object({ format: z.enum(['xlsx', 'csv']) }), access: { kind: 'user', roles: ['publisher', 'secrecyOffice', 'reviewer'] } }),
  recordPublished: op<RegisterEntry>()({ input: z.object({ itemId: id, publishedOn: date, url: text(500) }), access: publisher }),
};

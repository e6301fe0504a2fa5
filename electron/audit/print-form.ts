import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import checkpointWords from '../../resources/forms/audit-checkpoint.json';
import extractWords from '../../resources/forms/audit-extract.json';
import type { AuditDeskEntry } from '../../shared/audit';
import { AppFailure } from '../../shared/result';
import type { AuditCheckpointView } from '../../shared/ops/admin';
import { beijingTime } from './extract-csv';

// The auditor's printed forms — a range of the trail and a countersigned checkpoint — as
// blocks for the forms engine's layout (the same shapes as electron/forms/layout.ts; the
// composition root renders them with the engine's fonts, page stamp and QR code). The
// words are resources/forms/audit-*.json; an agency overrides them like any form's.

export type PrintBlock =
  | { t: 'title'; text: string }
  | { t: 'para'; text: string; size?: number; bold?: boolean; align?: 'left' | 'center' | 'right'; indent?: number; before?: number; after?: number; keepNext?: boolean }
  | { t: 'table'; widths: number[]; header?: string[]; rows: string[][]; size?: number; align?: Array<'left' | 'center' | 'right'> }
  | { t: 'space'; pt: number };

const TABLE = 12;
const SMALL = 10.5;

const templateSchema = z.object({ title: z.string().min(1), labels: z.record(z.string(), z.string()), notes: z.array(z.string()).default([]) });
type Template = z.output<typeof templateSchema>;

const BUNDLED = { 'audit-extract': extractWords, 'audit-checkpoint': checkpointWords } as const;
export type AuditFormKind = keyof typeof BUNDLED;

function template(kind: AuditFormKind, required: readonly string[], dir?: string): Template {
  const base = templateSchema.parse(BUNDLED[kind]);
  let t = base;
  const file = dir ? join(dir, `${kind}.json`) : null;
  if (file && existsSync(file)) {
    const own = templateSchema.partial().safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!own.success) throw new AppFailure('STORE_ERROR', `表单模板 ${file} 格式不正确`);
    t = { title: own.data.title ?? base.title, labels: { ...base.labels, ...own.data.labels }, notes: own.data.notes ?? base.notes };
  }
  const missing = required.filter((k) => !(k in t.labels));
  if (missing.length) throw new AppFailure('STORE_ERROR', `表单模板“${kind}”缺少：${missing.join('、')}`);
  return t;
}

function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (_, name: string) => {
    const v = vars[name];
    if (v === undefined) throw new AppFailure('STORE_ERROR', `表单模板中的“{${name}}”没有对应的内容`);
    return String(v);
  });
}

/** What a printed extract shows: the data its QR code's hash is taken over. */
export interface ExtractPrintData {
  org: string;
  orgFingerprint: string;
  fromSeq: number;
  toSeq: number;
  count: number;
  head: { seq: number; hash: string };
  by: string;
  time: string;
  rows: Array<{ seq: number; time: string; actor: string; role: string; action: string; subject: string; text: string; hash: string }>;
}

/** At most this many rows go on paper; the signed file holds them all. */
export const PRINT_LIMIT = 2000;

export function extractPrintData(base: Omit<ExtractPrintData, 'rows'>, entries: AuditDeskEntry[]): ExtractPrintData {
  return {
    ...base,
    rows: entries.slice(0, PRINT_LIMIT).map((e) => ({
      seq: e.seq,
      time: beijingTime(e.time),
      actor: e.actorName,
      role: e.roleLabel,
      action: e.actionLabel,
      subject: e.subjectName,
      text: e.text || e.details.filter((d) => !d.hash).map((d) => `${d.label}：${d.value}`).join('；'),
      hash: e.hash.slice(0, 16),
    })),
  };
}

const EXTRACT_LABELS = ['org', 'range', 'head', 'orgKey', 'by', 'seq', 'time', 'actor', 'role', 'action', 'subject', 'text', 'hash', 'truncated', 'sign'] as const;

export function composeExtract(d: ExtractPrintData, dir?: string): { title: string; blocks: PrintBlock[] } {
  const t = template('audit-extract', EXTRACT_LABELS, dir);
  const L = t.labels;
  const info = (text: string, after?: number): PrintBlock => ({ t: 'para', text, size: TABLE, after });
  return {
    title: t.title,
    blocks: [
      { t: 'title', text: t.title },
      info(fill(L.org!, { org: d.org })),
      info(fill(L.range!, { fromSeq: d.fromSeq, toSeq: d.toSeq, count: d.count })),
      info(fill(L.head!, { seq: d.head.seq, hash: d.head.hash })),
      info(fill(L.orgKey!, { fingerprint: d.orgFingerprint })),
      info(fill(L.by!, { name: d.by, time: d.time }), 6),
      ...(d.rows.length < d.count ? [info(fill(L.truncated!, { shown: d.rows.length, count: d.count }))] : []),
      {
        t: 'table',
        widths: [0.07, 0.13, 0.1, 0.1, 0.1, 0.14, 0.24, 0.12],
        size: SMALL,
        align: ['center', 'left', 'left', 'left', 'left', 'left', 'left', 'left'],
        header: [L.seq!, L.time!, L.actor!, L.role!, L.action!, L.subject!, L.text!, L.hash!],
        rows: d.rows.map((r) => [String(r.seq), r.time, r.actor, r.role, r.action, r.subject, r.text, r.hash]),
      },
      { t: 'space', pt: 10 },
      info(L.sign!),
      { t: 'space', pt: 6 },
      ...t.notes.map((n): PrintBlock => ({ t: 'para', text: n, size: SMALL })),
    ],
  };
}

export interface CheckpointPrintData {
  org: string;
  checkpoint: AuditCheckpointView;
}

const CHECKPOINT_LABELS = ['org', 'seq', 'hash', 'time', 'by', 'key', 'signature', 'entry', 'verify', 'sign'] as const;

export function composeCheckpoint(d: CheckpointPrintData, dir?: string): { title: string; blocks: PrintBlock[] } {
  const t = template('audit-checkpoint', CHECKPOINT_LABELS, dir);
  const L = t.labels;
  const c = d.checkpoint;
  const line = (text: string): PrintBlock => ({ t: 'para', text, size: TABLE, after: 4 });
  return {
    title: t.title,
    blocks: [
      { t: 'title', text: t.title },
      line(fill(L.org!, { org: d.org })),
      line(fill(L.seq!, { seq: c.seq })),
      line(fill(L.hash!, { hash: c.hash })),
      line(fill(L.time!, { time: beijingTime(c.time) })),
      line(fill(L.by!, { name: c.by })),
      line(fill(L.entry!, { entrySeq: c.entrySeq })),
      ...(c.publicKey ? [line(fill(L.key!, { publicKey: c.publicKey }))] : []),
      ...(c.signature ? [line(fill(L.signature!, { signature: c.signature }))] : []),
      { t: 'space', pt: 6 },
      { t: 'para', text: fill(L.verify!, { seq: c.seq, hash: c.hash }), size: TABLE, indent: 2 },
      { t: 'space', pt: 18 },
      line(L.sign!),
      { t: 'space', pt: 6 },
      ...t.notes.map((n): PrintBlock => ({ t: 'para', text: n, size: SMALL })),
    ],
  };
}

import { defineContract, event, type ParsedInputOf } from './define';
import type { DocumentProgress } from './documents';
import { app, audit, auth, backup, policy, setup, users } from './ops/admin';
import { applications } from './ops/applications';
import { documents, findings } from './ops/documents';
import { forms } from './ops/forms';
import { items } from './ops/items';
import { keys } from './ops/keys';
import { publication, publicVersions, type BundleProgressView } from './ops/publication';
import { bases, calendar, catalogue, profiles } from './ops/reference';
import type { SessionInfo } from './types';

// The one IPC contract: every operation the renderer may call, with its input schema,
// its output type and who may call it; the channel is `mishen:<path>`. The preload and
// the browser host build window.mishen from this object; the main process registers
// handlers for it. Operations are grouped by domain in ./ops/.

export const contract = defineContract({
  app,
  setup,
  auth,
  users,
  policy,
  audit,
  backup,
  keys,
  profiles,
  items,
  documents,
  findings,
  catalogue,
  bases,
  calendar,
  applications,
  publicVersions,
  publication,
  forms,
});

export const events = {
  session: event<SessionInfo>('mishen:event:session'),
  documentProgress: event<DocumentProgress>('mishen:event:documentProgress'),
  bundleProgress: event<BundleProgressView>('mishen:event:bundleProgress'),
} as const;

export type Contract = typeof contract;
export type Events = typeof events;

/** The parsed input of an operation: services type their parameters with it. */
export type In<D> = ParsedInputOf<D>;

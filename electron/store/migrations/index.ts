import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_workflow';
import * as m0003 from './0003_documents';
import * as m0004 from './0004_review_gate';
import * as m0005 from './0005_indexes_search';
import * as m0006 from './0006_publication';
import * as m0007 from './0007_applications';
import * as m0008 from './0008_profile_steps';
import * as m0009 from './0009_item_derived';
import * as m0010 from './0010_key_history';
import * as m0013 from './0013_document_parts';
import * as m0014 from './0014_audit_time';
import * as m0015 from './0015_list_queues';
import * as m0016 from './0016_search_grams';
import * as m0017 from './0017_search_grams_recent';

// Listed statically (not read from disk) so the bundled main process carries them.
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_workflow': m0002,
  '0003_documents': m0003,
  '0004_review_gate': m0004,
  '0005_indexes_search': m0005,
  '0006_publication': m0006,
  '0007_applications': m0007,
  '0008_profile_steps': m0008,
  '0009_item_derived': m0009,
  '0010_key_history': m0010,
  '0013_document_parts': m0013,
  '0014_audit_time': m0014,
  '0015_list_queues': m0015,
  '0016_search_grams': m0016,
  '0017_search_grams_recent': m0017,
};

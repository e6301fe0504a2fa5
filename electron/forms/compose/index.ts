import type { Block } from '../layout';
import type { FormInputs, FormKind } from '../types';
import { consultation, declassification, escalation, leakReport, overrideNotice, thirdParty } from './letters';
import { record } from './record';
import { register } from './register';
import { reviewTable } from './review-table';

// Each kind's data and template → the blocks the layout places on pages.

export interface Composed {
  title: string;
  blocks: Block[];
}

type Composer<K extends FormKind> = (data: FormInputs[K], templatesDir?: string) => Composed;

const COMPOSERS: { [K in FormKind]: Composer<K> } = {
  record,
  'review-table': reviewTable,
  escalation,
  consultation,
  'third-party': thirdParty,
  'override-notice': overrideNotice,
  declassification,
  'leak-report': leakReport,
  register,
};

export function composeForm<K extends FormKind>(kind: K, data: FormInputs[K], templatesDir?: string): Composed {
  const compose = COMPOSERS[kind] as Composer<K> | undefined;
  if (!compose) throw new Error(`unknown form kind: ${kind}`);
  return compose(data, templatesDir);
}

import type { z } from 'zod';
import { issuesByField, type FieldLabels } from '../../shared/messages';

/**
 * A @mantine/form validator from one of the contract's own input schemas: the same
 * rules the main process applies, with each message in Chinese next to its field.
 */
export function zodValidate<T>(schema: z.ZodType<unknown, T>, labels?: FieldLabels) {
  return (values: T): Record<string, string> => {
    const r = schema.safeParse(values);
    return r.success ? {} : issuesByField(r.error.issues, labels);
  };
}

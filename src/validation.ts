import type { z } from 'zod';
import { invalid, type LocalizedMessage } from './errors.js';

/**
 * Parses service input with a zod schema, turning a failure into a `VALIDATION` domain error.
 * A custom issue may carry `params: { i18n: { key, values? } }`: the error then has that
 * catalogue key, whose English says what this sentence says (path included).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  const i18n = (first as { params?: { i18n?: LocalizedMessage } } | undefined)?.params?.i18n;
  throw invalid(`${where}${first?.message ?? 'invalid input'}`, result.error.issues, i18n);
}

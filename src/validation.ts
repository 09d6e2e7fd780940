import type { z } from 'zod';
import { invalid } from './errors.js';

/** Parses service input with a zod schema, turning a failure into a `VALIDATION` domain error. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  throw invalid(`${where}${first?.message ?? 'invalid input'}`, result.error.issues);
}

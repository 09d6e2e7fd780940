import { ComponentType } from 'discord-api-types/v10';
import type { JsonObject } from './state.js';

/** Discord's 400 answers, built the way Discord builds them. */
export interface FieldError {
  path: (string | number)[];
  code: string;
  message: string;
}

export function invalidFormBody(errors: FieldError[]): { status: number; body: JsonObject } {
  const tree: JsonObject = {};
  for (const e of errors) {
    let node = tree;
    for (const key of e.path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as JsonObject;
    }
    ((node._errors ??= []) as unknown[]).push({ code: e.code, message: e.message });
  }
  return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: tree } };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const arr = (v: unknown): JsonObject[] | undefined => (Array.isArray(v) ? (v as JsonObject[]) : undefined);

function maxLen(errors: FieldError[], path: (string | number)[], value: unknown, max: number, required = false): number {
  const s = str(value);
  if (s === undefined || s.length === 0) {
    if (required) errors.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    return 0;
  }
  if (s.length > max) errors.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
  return s.length;
}

function maxItems(errors: FieldError[], path: (string | number)[], value: unknown, max: number): JsonObject[] {
  const a = arr(value) ?? [];
  if (a.length > max) errors.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
  return a;
}

/** The limits Discord enforces on a message body (content, embeds, classic components). */
export function messageErrors(body: JsonObject, prefix: (string | number)[] = []): FieldError[] {
  const errors: FieldError[] = [];
  maxLen(errors, [...prefix, 'content'], body.content, 2000);
  let total = 0;
  maxItems(errors, [...prefix, 'embeds'], body.embeds, 10).forEach((e, i) => {
    const p = [...prefix, 'embeds', i];
    total += maxLen(errors, [...p, 'title'], e.title, 256);
    total += maxLen(errors, [...p, 'description'], e.description, 4096);
    total += maxLen(errors, [...p, 'footer', 'text'], (e.footer as JsonObject | undefined)?.text, 2048);
    total += maxLen(errors, [...p, 'author', 'name'], (e.author as JsonObject | undefined)?.name, 256);
    maxItems(errors, [...p, 'fields'], e.fields, 25).forEach((f, j) => {
      total += maxLen(errors, [...p, 'fields', j, 'name'], f.name, 256, true);
      total += maxLen(errors, [...p, 'fields', j, 'value'], f.value, 1024, true);
    });
  });
  if (total > 6000) errors.push({ path: [...prefix, 'embeds'], code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' });
  const v2 = typeof body.flags === 'number' && (body.flags & (1 << 15)) !== 0;
  if (!v2) {
    maxItems(errors, [...prefix, 'components'], body.components, 5).forEach((row, i) => {
      const p = [...prefix, 'components', i, 'components'];
      if (row.type !== ComponentType.ActionRow) return;
      const children = maxItems(errors, p, row.components, 5);
      children.forEach((c, j) => {
        maxLen(errors, [...p, j, 'custom_id'], c.custom_id, 100);
        maxLen(errors, [...p, j, 'label'], c.label, 80);
        if (c.type === ComponentType.StringSelect) {
          const options = maxItems(errors, [...p, j, 'options'], c.options, 25);
          if (options.length === 0) errors.push({ path: [...p, j, 'options'], code: 'BASE_TYPE_MIN_LENGTH', message: 'Must be 1 or more in length.' });
          options.forEach((o, k) => {
            maxLen(errors, [...p, j, 'options', k, 'label'], o.label, 100, true);
            maxLen(errors, [...p, j, 'options', k, 'value'], o.value, 100, true);
          });
        }
      });
      if (children.length > 1 && children.some((c) => c.type !== ComponentType.Button)) {
        errors.push({ path: p, code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', message: 'The specified component exceeds the maximum width' });
      }
    });
  }
  return errors;
}

/** True when a new message would have nothing to show. */
export function isEmptyMessage(body: JsonObject, fileCount: number): boolean {
  const nonEmpty = (v: unknown) => (Array.isArray(v) ? v.length > 0 : typeof v === 'string' ? v.length > 0 : v != null);
  return fileCount === 0 && !nonEmpty(body.content) && !nonEmpty(body.embeds) && !nonEmpty(body.components) && !nonEmpty(body.sticker_ids) && !nonEmpty(body.poll);
}

export function choicesErrors(data: JsonObject): FieldError[] {
  const errors: FieldError[] = [];
  maxItems(errors, ['data', 'choices'], data.choices, 25).forEach((c, i) => {
    maxLen(errors, ['data', 'choices', i, 'name'], c.name, 100, true);
    if (typeof c.value === 'string') maxLen(errors, ['data', 'choices', i, 'value'], c.value, 100);
  });
  return errors;
}

/** Checks a bulk-overwrite command list roughly as Discord does. */
export function commandErrors(commands: JsonObject[]): FieldError[] {
  const errors: FieldError[] = [];
  if (commands.length > 100) errors.push({ path: [], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 100 or fewer in length.' });
  const seen = new Set<string>();
  commands.forEach((c, i) => {
    const type = typeof c.type === 'number' ? c.type : 1;
    const name = str(c.name) ?? '';
    if (type === 1) {
      if (!/^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u.test(name) || name !== name.toLowerCase()) {
        errors.push({ path: [i, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
      }
      maxLen(errors, [i, 'description'], c.description, 100, true);
      maxItems(errors, [i, 'options'], c.options, 25);
    } else {
      maxLen(errors, [i, 'name'], name, 32, true);
    }
    const key = `${type}:${name}`;
    if (seen.has(key)) errors.push({ path: [i, 'name'], code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message: `Application command names must be unique` });
    seen.add(key);
  });
  return errors;
}

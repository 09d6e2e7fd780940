import { randomUUID } from 'node:crypto';

/** Opaque ids for rows we create (tasks, characters, users, sessions). */
export const newId = (): string => randomUUID();

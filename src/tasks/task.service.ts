import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../clock.js';
import { findCharacterRow } from '../characters/character.repository.js';
import { conflict, invalid, limitReached, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { completionPeriod, currentPeriod, isDone } from '../resets/resetEngine.js';
import type { CharacterRow, Database } from '../store/schema.js';
import { TasksVersion } from '../users/tasksVersion.repository.js';
import { parseInput } from '../validation.js';
import { findPreset } from './presets.js';
import { countTasks, findTaskRows, latestCompletion, listTaskRows, TaskQueries, type TaskWithRegion } from './task.repository.js';
import {
  addPresetsSchema,
  createTaskSchema,
  MAX_TASKS_PER_USER,
  taskFilterSchema,
  updateTaskSchema,
  type AddPresetsInput,
  type CreateTaskInput,
  type TaskFilter,
  reorderTasksSchema,
  type UpdateTaskInput,
} from './task.schema.js';
import { followNewRule, sameRule } from './ruleChange.js';
import { jumboNeedsCharacter, jumboNeedsRegion } from './task.refusals.js';
import { lastCompletionOf, ruleFor, toTaskView } from './task.status.js';
import { planTaskEdit } from './taskEdit.js';
import type { TaskView } from './task.types.js';

type Tx = Transaction<Database>;

/** Everything a player does with their tasks, whichever front door they use. */
export class TaskService {
  private readonly queries: TaskQueries;
  private readonly tasksVersion: TasksVersion;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {
    this.queries = new TaskQueries(db);
    this.tasksVersion = new TasksVersion(db);
  }

  async list(userId: string, filter: TaskFilter = {}): Promise<TaskView[]> {
    const f = parseInput(taskFilterSchema, filter);
    let characterId: string | undefined;
    if (f.characterId) characterId = (await this.requireCharacter(this.db, userId, f.characterId)).id;
    const now = this.clock();
    const hidden = f.hidden ?? 'exclude';
    const views = (await listTaskRows(this.db, userId, { cadence: f.cadence, characterId }))
      .filter((r) => hidden === 'include' || (r.hidden === 1) === (hidden === 'only'))
      .map((r) => toTaskView(r, now));
    return f.status ? views.filter((t) => t.done === (f.status === 'done')) : views;
  }

  /** Puts the given tasks first, in this order (the rest keep theirs, after them); all must be the user's. */
  async reorder(userId: string, input: { ids: string[] }): Promise<TaskView[]> {
    const { ids } = parseInput(reorderTasksSchema, input);
    return this.db.transaction().execute(async (tx) => {
      const own = await tx.selectFrom('tasks').select(['id']).where('user_id', '=', userId).orderBy('position').orderBy('created_at').orderBy('id').execute();
      const mine = new Set(own.map((r) => r.id));
      if (ids.some((id) => !mine.has(id))) throw notFound('Task');
      const order = [...ids, ...own.map((r) => r.id).filter((id) => !ids.includes(id))];
      const now = this.clock();
      for (const [position, id] of order.entries()) {
        await tx.updateTable('tasks').set({ position, updated_at: now }).where('id', '=', id).where('position', '!=', position).execute();
      }
      await this.tasksVersion.bump(tx, userId);
      return (await listTaskRows(tx, userId)).map((r) => toTaskView(r, now));
    });
  }

  async get(userId: string, taskId: string): Promise<TaskView> {
    return toTaskView(await this.requireTask(this.db, userId, taskId), this.clock());
  }

  async create(userId: string, input: CreateTaskInput, presetKey: string | null = null): Promise<TaskView> {
    const t = parseInput(createTaskSchema, input);
    return this.db.transaction().execute(async (tx) => {
      const { count, maxPosition } = await countTasks(tx, userId);
      if (count >= MAX_TASKS_PER_USER) throw limitReached(`You can track at most ${MAX_TASKS_PER_USER} tasks.`, { key: 'errors.limit.tasks', values: { max: MAX_TASKS_PER_USER } });
      const character = t.characterId ? await this.requireCharacter(tx, userId, t.characterId) : undefined;
      const id = await this.insertTask(tx, userId, { ...t, presetKey }, character, maxPosition + 1);
      await this.tasksVersion.bump(tx, userId);
      return toTaskView(await this.requireTask(tx, userId, id), this.clock());
    });
  }

  /**
   * Adds presets in one go, skipping those already present for the same character
   * (or for the user as a whole); unknown keys fail the whole call and add nothing.
   */
  async addPresets(userId: string, input: AddPresetsInput): Promise<{ added: TaskView[]; skipped: string[] }> {
    const { keys, characterId } = parseInput(addPresetsSchema, input);
    const unknown = keys.filter((k) => !findPreset(k));
    if (unknown.length > 0) throw invalid(`Unknown preset: ${unknown.join(', ')}.`, undefined, { key: 'errors.validation.unknownPreset', values: { keys: unknown.join(', ') } });
    return this.db.transaction().execute(async (tx) => {
      const character = characterId ? await this.requireCharacter(tx, userId, characterId) : undefined;
      const existing = await listTaskRows(tx, userId);
      const present = new Set(
        existing.filter((r) => r.preset_key && r.character_id === (character?.id ?? null)).map((r) => r.preset_key),
      );
      const toAdd = [...new Set(keys)].filter((k) => !present.has(k));
      if (existing.length + toAdd.length > MAX_TASKS_PER_USER) {
        throw limitReached(`You can track at most ${MAX_TASKS_PER_USER} tasks.`, { key: 'errors.limit.tasks', values: { max: MAX_TASKS_PER_USER } });
      }
      const presets = toAdd.map((k) => findPreset(k)!);
      if (!character && presets.some((p) => p.cadence === 'jumbo-cactpot')) {
        throw jumboNeedsCharacter();
      }
      let position = existing.reduce((m, r) => Math.max(m, r.position), -1);
      const ids: string[] = [];
      for (const p of presets) {
        const t = { name: p.name, cadence: p.cadence, intervalHours: p.intervalHours ?? null, presetKey: p.key };
        ids.push(await this.insertTask(tx, userId, t, character, ++position));
      }
      if (ids.length === 0) return { added: [], skipped: keys.filter((k) => present.has(k)) };
      await this.tasksVersion.bump(tx, userId);
      const now = this.clock();
      const added = (await findTaskRows(tx, userId, ids)).map((r) => toTaskView(r, now));
      return { added, skipped: keys.filter((k) => present.has(k)) };
    });
  }

  /**
   * Changes what a task is: its name, notes, place, visibility, owner and reset rule, under the rules of a new task
   * (see planTaskEdit). A changed rule keeps the history and lets the status follow it (see followNewRule). A refusal
   * changes nothing.
   */
  async update(userId: string, taskId: string, input: UpdateTaskInput): Promise<TaskView> {
    const patch = parseInput(updateTaskSchema, input);
    return this.db.transaction().execute(async (tx) => {
      const row = await this.requireTask(tx, userId, taskId);
      const character = patch.characterId == null ? patch.characterId : await this.requireCharacter(tx, userId, patch.characterId);
      const set = planTaskEdit(row, patch, character);
      if (row.preset_key && set.character_id !== row.character_id) await this.requirePresetFree(tx, userId, row.preset_key, set.character_id ?? null);
      const now = this.clock();
      await tx.updateTable('tasks').set({ ...set, updated_at: now }).where('id', '=', row.id).execute();
      let fresh = await this.requireTask(tx, userId, taskId);
      if (!sameRule(ruleFor(row), ruleFor(fresh))) fresh = await followNewRule(tx, this.queries, row, fresh, now);
      await this.tasksVersion.bump(tx, userId);
      return toTaskView(fresh, now);
    });
  }

  /** One preset per owner, as adding presets keeps it: moving one onto an owner that has it would track it twice. */
  private async requirePresetFree(tx: Tx, userId: string, presetKey: string, characterId: string | null): Promise<void> {
    let q = tx.selectFrom('tasks').select('id').where('user_id', '=', userId).where('preset_key', '=', presetKey);
    q = characterId === null ? q.where('character_id', 'is', null) : q.where('character_id', '=', characterId);
    if (await q.executeTakeFirst()) throw conflict('This preset is already tracked there.', { key: 'errors.conflict.presetTaken' });
  }

  async remove(userId: string, taskId: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const res = await tx.deleteFrom('tasks').where('id', '=', taskId).where('user_id', '=', userId).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw notFound('Task');
      await this.tasksVersion.bump(tx, userId);
    });
  }

  /** Marks a task done for the current period. Idempotent, also across processes. */
  async complete(userId: string, taskId: string): Promise<TaskView> {
    const now = this.clock();
    return this.db.transaction().execute(async (tx) => this.completeRow(tx, userId, await this.requireTask(tx, userId, taskId), now));
  }

  /** Reopens a task for the current period; older history stays. */
  async undo(userId: string, taskId: string): Promise<TaskView> {
    const now = this.clock();
    return this.db.transaction().execute(async (tx) => this.undoRow(tx, userId, await this.requireTask(tx, userId, taskId), now));
  }

  /** Done if it was open, open if it was done: decided inside the transaction that changes it (the bot's buttons). */
  async toggle(userId: string, taskId: string): Promise<TaskView> {
    const now = this.clock();
    return this.db.transaction().execute(async (tx) => {
      const row = await this.requireTask(tx, userId, taskId);
      return isDone(ruleFor(row), now, lastCompletionOf(row)) ? this.undoRow(tx, userId, row, now) : this.completeRow(tx, userId, row, now);
    });
  }

  private async completeRow(tx: Tx, userId: string, row: TaskWithRegion, now: number): Promise<TaskView> {
    const rule = ruleFor(row);
    if (isDone(rule, now, lastCompletionOf(row))) return toTaskView(row, now);
    const period = completionPeriod(rule, now, row.last_completed_at);
    const stored =
      (await this.queries.insertCompletion.first(tx, { taskId: row.id, userId, periodStart: period.start, completedAt: now })) ??
      (await tx
        .selectFrom('completions')
        .select(['period_start', 'completed_at'])
        .where('task_id', '=', row.id)
        .where('period_start', '=', period.start)
        .executeTakeFirstOrThrow());
    const last = { last_period_start: stored.period_start, last_completed_at: stored.completed_at };
    await this.queries.setLastCompletion.execute(tx, { taskId: row.id, periodStart: last.last_period_start, completedAt: last.last_completed_at });
    await this.tasksVersion.bump(tx, userId);
    // Only these two columns changed: no need to read the row back.
    return toTaskView({ ...row, ...last }, now);
  }

  private async undoRow(tx: Tx, userId: string, row: TaskWithRegion, now: number): Promise<TaskView> {
    const rule = ruleFor(row);
    if (!isDone(rule, now, lastCompletionOf(row))) return toTaskView(row, now);
    const start = rule.cadence === 'cooldown' ? row.last_period_start! : currentPeriod(rule, now, row.last_completed_at).start;
    await tx.deleteFrom('completions').where('task_id', '=', row.id).where('period_start', '=', start).execute();
    // A to-do has one period: reopening it leaves nothing done, whatever it was before it became one.
    const prev = rule.cadence === 'once' ? undefined : await latestCompletion(tx, row.id);
    const last = { last_period_start: prev?.period_start ?? null, last_completed_at: prev?.completed_at ?? null };
    await this.queries.setLastCompletion.execute(tx, { taskId: row.id, periodStart: last.last_period_start, completedAt: last.last_completed_at });
    await this.tasksVersion.bump(tx, userId);
    return toTaskView({ ...row, ...last }, now);
  }

  /** How many times a task has been completed, for streaks and history. */
  async completionCount(userId: string, taskId: string): Promise<number> {
    await this.requireTask(this.db, userId, taskId);
    const r = await this.db
      .selectFrom('completions')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('task_id', '=', taskId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  private async insertTask(
    tx: Tx,
    userId: string,
    t: {
      name: string;
      cadence: string;
      notes?: string | null | undefined;
      region?: string | null | undefined;
      intervalHours?: number | null | undefined;
      presetKey: string | null;
    },
    /** Already resolved (and checked to be the user's) by the caller. */
    character: CharacterRow | undefined,
    position: number,
  ): Promise<string> {
    if (t.cadence === 'jumbo-cactpot' && !t.region && !character) {
      throw jumboNeedsRegion();
    }
    const now = this.clock();
    const id = newId();
    await tx
      .insertInto('tasks')
      .values({
        id,
        user_id: userId,
        character_id: character?.id ?? null,
        name: t.name,
        cadence: t.cadence,
        interval_hours: t.intervalHours ?? null,
        region: t.region ?? null,
        notes: t.notes ? t.notes : null,
        position,
        preset_key: t.presetKey,
        last_period_start: null,
        last_completed_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  }

  private async requireTask(db: Kysely<Database> | Tx, userId: string, taskId: string): Promise<TaskWithRegion> {
    const row = await this.queries.findRow.first(db, { userId, taskId });
    if (!row) throw notFound('Task');
    return row;
  }

  private async requireCharacter(db: Kysely<Database> | Tx, userId: string, ref: string) {
    const c = await findCharacterRow(db, userId, ref);
    if (!c) throw notFound('Character');
    return c;
  }
}


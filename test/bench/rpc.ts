import { fork } from 'node:child_process';

/** What a bench child answers to a call; `ready` is its first, unsolicited message. */
type Message =
  | { kind: 'ready'; info: unknown }
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; error: string };

/** A bench child process reached over IPC: the load generator never shares its event loop. */
export interface BenchChild<Info> {
  readonly pid: number;
  /** What the child reported once it was listening. */
  readonly info: Info;
  call<T>(cmd: string, args?: unknown): Promise<T>;
  /** Asks the child to stop and waits for it to exit (kills it after 10 s). */
  stop(): Promise<void>;
}

/** The parent's shell may hold the service's own variables (DATABASE_URL, PORT…): children get only these and what the bench sets. */
function baseEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && /^(PATH|HOME|TMPDIR|LANG|BENCH_.*)$/.test(e[0])));
}

/**
 * Forks a compiled bench file with plain `node` and waits for its `ready`. Extra node flags (say
 * `--cpu-prof`) come from BENCH_CHILD_FLAGS so a slow figure can be profiled without code changes.
 */
export async function spawnChild<Info>(file: string, env: Record<string, string>, args: string[] = [], nodeFlags: string[] = []): Promise<BenchChild<Info>> {
  const flags = [...nodeFlags, ...(process.env.BENCH_CHILD_FLAGS ?? '').split(' ').filter(Boolean)];
  const child = fork(file, args, {
    execArgv: flags,
    env: { ...baseEnv(), ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let seq = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const info = await new Promise<Info>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}) before it was ready`)));
    child.on('message', (raw) => {
      const m = raw as Message;
      if (m.kind === 'ready') resolve(m.info as Info);
      else {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.ok) p?.resolve(m.value);
        else p?.reject(new Error(m.error));
      }
    });
  });
  child.on('exit', () => {
    for (const p of pending.values()) p.reject(new Error(`${file} exited during a call`));
    pending.clear();
  });

  return {
    pid: child.pid!,
    info,
    call: <T>(cmd: string, a?: unknown) =>
      new Promise<T>((resolve, reject) => {
        const id = ++seq;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, cmd, args: a });
      }),
    stop: async () => {
      if (child.exitCode === null) child.send({ id: 0, cmd: 'exit' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Child side: answers the parent's calls with `handlers`, then says it is ready. */
export function serveParent(info: unknown, handlers: Record<string, (args: any) => unknown>, onExit: () => Promise<void> = async () => {}): void {
  const send = (m: Message) => process.send!(m);
  process.on('message', (raw) => {
    const { id, cmd, args } = raw as { id: number; cmd: string; args: unknown };
    if (cmd === 'exit') {
      void onExit().finally(() => process.exit(0));
      return;
    }
    const handler = handlers[cmd];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${cmd}`);
        return handler(args);
      })
      .then(
        (value) => send({ kind: 'result', id, ok: true, value }),
        (err: unknown) => send({ kind: 'result', id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
      );
  });
  // The parent going away must not leave a server behind.
  process.on('disconnect', () => void onExit().finally(() => process.exit(0)));
  send({ kind: 'ready', info });
}

/** A child whose only job is to compute one result and hand it back (a section run in a fresh process). */
export async function runSection<T>(file: string, env: Record<string, string> = {}): Promise<T> {
  const child = await spawnChild<null>(file, env);
  try {
    return await child.call<T>('run');
  } finally {
    await child.stop();
  }
}

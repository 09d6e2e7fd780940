import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** A reading of the machine's busy CPU time and of the bench's own processes, in seconds. */
export interface LoadSnapshot {
  at: number;
  machineBusy: number;
  ours: number;
}

const TICK = 100; // USER_HZ: /proc reports clock ticks of 1/100 s on Linux.

function busySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal guest…: interrupts are left out (loopback traffic is
  // handled there, for the bench's own sockets), guest is already in user, steal is other VMs.
  return ((fields[0] ?? 0) + (fields[1] ?? 0) + (fields[2] ?? 0) + (fields[7] ?? 0)) / TICK;
}

function processSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICK; // utime, stime
  } catch {
    return 0;
  }
}

/** Null off Linux: the figure is then simply not reported. */
export function snapshot(pids: readonly number[]): LoadSnapshot | null {
  try {
    return { at: performance.now(), machineBusy: busySeconds(), ours: pids.reduce((a, p) => a + processSeconds(p), 0) };
  } catch {
    return null;
  }
}

/**
 * Cores' worth of CPU used by processes other than the bench's during a run. Other work on the
 * machine (a test suite, a build) competes for the same cores and makes the figures unreliable.
 */
export function foreignCores(a: LoadSnapshot | null, b: LoadSnapshot | null): number | undefined {
  if (!a || !b) return undefined;
  const seconds = (b.at - a.at) / 1000;
  const foreign = b.machineBusy - a.machineBusy - (b.ours - a.ours);
  return Math.min(cpus().length, Math.max(0, Math.round((foreign / seconds) * 100) / 100));
}

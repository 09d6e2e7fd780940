/** Latency summary of a sample, in the sample's unit. */
export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles: p99 of 1,000 samples is the 990th smallest, an observed value. */
export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
  return { n: s.length, mean: s.reduce((a, b) => a + b, 0) / s.length, p50: at(50), p99: at(99), max: s.at(-1) ?? NaN };
}

/** Rounds for display and JSON without pretending to more precision than a benchmark has. */
export const round = (v: number, digits = 2): number => Number(v.toFixed(digits));

export const mb = (bytes: number): number => round(bytes / 1024 / 1024, 1);

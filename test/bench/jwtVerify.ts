import { randomBytes } from 'node:crypto';
import { createJwtCodec } from '../../src/auth/jwt.js';
import { newId } from '../../src/ids.js';
import { serveParent } from './rpc.js';
import { round } from './stats.js';

/** Section 4: what SessionService pays per request to check an access token (the store lookup aside). */
export interface JwtResult {
  verifications: number;
  /** Every token seen for the first time: the full signature and claims check. */
  usPerVerify: number;
  /** The slowest of 100 batches of 1,000, per verification: shows GC pauses the mean hides. */
  worstBatchUsPerVerify: number;
  /** The same token again, as a client sends it until it refreshes: answered from the codec's memory. */
  usPerRememberedVerify: number;
}

const N = 100_000;
const BATCH = 1_000;

function timeBatches(tokens: readonly string[], verify: (t: string) => unknown) {
  let worst = 0;
  const start = process.hrtime.bigint();
  for (let b = 0; b < N / BATCH; b++) {
    const t0 = process.hrtime.bigint();
    for (let i = b * BATCH; i < (b + 1) * BATCH; i++) verify(tokens[i % tokens.length]!);
    worst = Math.max(worst, Number(process.hrtime.bigint() - t0));
  }
  return { total: Number(process.hrtime.bigint() - start), worst };
}

function run(): JwtResult {
  const codec = createJwtCodec(randomBytes(48).toString('base64url'), 900, () => Date.now());
  const sign = () => codec.sign({ sub: newId(), sid: newId() }).token;
  // Warm-up on tokens of its own, so none of the measured ones has been seen.
  for (let i = 0; i < 10_000; i++) codec.verify(sign());
  const fresh = Array.from({ length: N }, sign);
  const full = timeBatches(fresh, (t) => codec.verify(t));
  const one = [sign()];
  codec.verify(one[0]!);
  const remembered = timeBatches(one, (t) => codec.verify(t));
  return {
    verifications: N,
    usPerVerify: round(full.total / N / 1000, 2),
    worstBatchUsPerVerify: round(full.worst / BATCH / 1000, 2),
    usPerRememberedVerify: round(remembered.total / N / 1000, 2),
  };
}

serveParent(null, { run });

import { randomBytes } from 'node:crypto';
import { createJwtCodec } from '../../src/auth/jwt.js';
import { newId } from '../../src/ids.js';
import { serveParent } from './rpc.js';
import { round } from './stats.js';

/** Section 4: what SessionService pays per request to check an access token (the store lookup aside). */
export interface JwtResult {
  verifications: number;
  usPerVerify: number;
  /** The slowest of 100 batches of 1,000, per verification: shows GC pauses the mean hides. */
  worstBatchUsPerVerify: number;
}

const N = 100_000;
const BATCH = 1_000;

function run(): JwtResult {
  const codec = createJwtCodec(randomBytes(48).toString('base64url'), 900, () => Date.now());
  const { token } = codec.sign({ sub: newId(), sid: newId() });
  for (let i = 0; i < 10_000; i++) codec.verify(token);
  let worst = 0;
  const start = process.hrtime.bigint();
  for (let b = 0; b < N / BATCH; b++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < BATCH; i++) codec.verify(token);
    worst = Math.max(worst, Number(process.hrtime.bigint() - t0));
  }
  const total = Number(process.hrtime.bigint() - start);
  return { verifications: N, usPerVerify: round(total / N / 1000, 2), worstBatchUsPerVerify: round(worst / BATCH / 1000, 2) };
}

serveParent(null, { run });

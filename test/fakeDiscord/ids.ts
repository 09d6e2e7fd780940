import { randomBytes } from 'node:crypto';

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh, realistic snowflake (current timestamp, 18–19 digits), unique within this process. */
export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

/** Random URL-safe token. */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** Discord snowflakes are 17–20 digit decimal strings. */
export function isSnowflake(s: string): boolean {
  return /^\d{15,21}$/.test(s);
}

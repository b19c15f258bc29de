import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { createRequire } from 'node:module';
import { DomainError } from '../../core/errors';

const scryptRaw = (pw: string, salt: Buffer, len: number, opts: ScryptOptions) =>
  new Promise<Buffer>((res, rej) => scryptCb(pw, salt, len, opts, (e, k) => (e ? rej(e) : res(k))));

// OWASP's scrypt floor: N=2^17, r=8, p=1. Tests lower N through CALLFLOOR_SCRYPT_LOG2N (never below 2^14)
// so a suite that creates hundreds of users stays quick; the stored hash records N, so both verify.
const N = 1 << Math.max(14, Number(process.env.CALLFLOOR_SCRYPT_LOG2N ?? 17));
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 256 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Hashing cap (issue 10, finding 7): each scrypt call holds 128 MiB for a noticeable time; many at
// once starve the machine and a real login waits behind them. At most HASH_CONCURRENCY run at once,
// a bounded queue waits behind them (first come, first served), and beyond that the caller gets 429
// `auth.busy` at once. With the per-address and per-name limits in front, one client can queue few.

export const HASH_CONCURRENCY = Math.max(1, Number(process.env.CALLFLOOR_HASH_CONCURRENCY ?? 2));
/** Calls allowed to wait for a slot; more are refused at once (no clock involved: a full queue is the overload signal). */
export const HASH_QUEUE_MAX = 64;

/** Instrumented for tests: how many scrypt calls run now, the most ever at once, and how many ran. */
export const scryptStats = { active: 0, maxActive: 0, calls: 0 };
export function resetScryptStats() {
  scryptStats.maxActive = scryptStats.active;
  scryptStats.calls = 0;
}

const waiting: Array<() => void> = [];

async function acquire(): Promise<void> {
  if (scryptStats.active < HASH_CONCURRENCY) {
    scryptStats.active++;
    return;
  }
  if (waiting.length >= HASH_QUEUE_MAX)
    throw new DomainError('the server is busy checking passwords; try again in a moment', 'rate_limited', undefined, { reason: 'auth.busy' });
  // the releasing call hands its slot over (active stays as it is)
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release() {
  const next = waiting.shift();
  if (next) next();
  else scryptStats.active--;
}

async function scrypt(pw: string, salt: Buffer, len: number, opts: ScryptOptions): Promise<Buffer> {
  await acquire();
  scryptStats.calls++;
  scryptStats.maxActive = Math.max(scryptStats.maxActive, scryptStats.active);
  try {
    return await scryptRaw(pw, salt, len, opts);
  } finally {
    release();
  }
}

/**
 * scrypt$N$r$p$salt$hash, base64 parts. `testLog2N` is for test fixtures only (`src/server/testing.ts`
 * seeds its users with 2^10): a sign-in verifies at the N its stored hash records, so a suite that signs
 * in thousands of times stays quick while every hash the product itself makes uses N above.
 */
export async function hashPassword(password: string, opts: { testLog2N?: number } = {}): Promise<string> {
  const n = opts.testLog2N === undefined ? N : 1 << Math.max(10, opts.testLog2N);
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { N: n, r: R, p: P, maxmem: MAXMEM });
  return `scrypt$${n}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, keyB64] = parts;
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAXMEM,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

// ---------------------------------------------------------------------------------------------
// Password rules, the same at set time (API and CLI) and, for the length cap, at login.

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

let common: Set<string> | undefined;
/**
 * True when the password (case-insensitive) is in zxcvbn's list of common passwords. The list (a large
 * module) is loaded on the first password set, not when the server starts (issue 16: start-up time).
 */
export function isCommonPassword(pw: string): boolean {
  if (!common) {
    const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    common = new Set(dictionary['passwords-common'].map((w) => w.toLowerCase()));
  }
  return common.has(pw.toLowerCase());
}

export interface PasswordProblem {
  reason: 'password.tooShort' | 'password.tooLong' | 'password.blank' | 'password.common';
  message: string;
  params: { min: number; max: number };
}

/** Password rule, shared by the API and the CLI: 10–128 characters, not only spaces, not a common password. */
export function passwordProblem(pw: string): PasswordProblem | null {
  const params = { min: PASSWORD_MIN, max: PASSWORD_MAX };
  // length in code points, so a Chinese passphrase counts its characters
  const len = [...pw].length;
  if (pw.trim() === '') return { reason: 'password.blank', message: 'must not be empty or only spaces', params };
  if (len < PASSWORD_MIN) return { reason: 'password.tooShort', message: `must be at least ${PASSWORD_MIN} characters`, params };
  if (len > PASSWORD_MAX) return { reason: 'password.tooLong', message: `must be at most ${PASSWORD_MAX} characters`, params };
  if (isCommonPassword(pw) || isCommonPassword(pw.trim()))
    return { reason: 'password.common', message: 'is one of the most common passwords; choose another', params };
  return null;
}

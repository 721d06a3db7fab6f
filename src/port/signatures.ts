/**
 * Signature checks for the library's synchronous code (the chain search, CRL and OCSP checks, the
 * root's self-signature, a CSR's self-signature) in a runtime that verifies only asynchronously.
 *
 * Node verifies synchronously (port.verify answers), and nothing here is used. In a browser,
 * WebCrypto's verify returns a promise, so an async entry point runs its synchronous part through
 * {@link runWithSignatures}: in each pass, a signature not yet known is recorded and provisionally
 * counted as valid, so that the pass goes on and finds the other signatures it needs; then all
 * recorded signatures are verified, and the part runs again, until a pass needs no unknown
 * signature. Only that last pass's result is returned: every answer in it is a real
 * verification, so it is the result Node computes. The work budgets the part draws from are
 * restored before each pass; passes are at most one more than the distinct signatures checked,
 * each bounded by limits.maxSignatureChecks like a Node run.
 *
 * A synchronous public function called directly in a browser (sslPolicyErrors, checkRevocation,
 * checkOcspResponse), outside any such run, gets `{ unsupported }` for a signature not verified
 * before: a typed "cannot be verified here", never a silent pass.
 */
import { port } from '#port';
import type { WorkBudget } from '../limits.js';
import { toHex } from '../util/bytes.js';
import type { PublicKeyHandle, VerifyOutcome, VerifyParams } from './types.js';

export type { PublicKeyHandle, VerifyOutcome, VerifyParams } from './types.js';

interface Pending {
  key: PublicKeyHandle;
  params: VerifyParams;
  data: Uint8Array;
  signature: Uint8Array;
}

/** Verified signatures, by request identity; cleared before a run once it holds MEMO_MAX entries. */
const memo = new Map<string, VerifyOutcome>();
const MEMO_MAX = 20_000;
/** The signatures the current pass of runWithSignatures needs but does not know yet. */
let pending: Map<string, Pending> | null = null;

const NOT_HERE: VerifyOutcome = {
  unsupported:
    'this runtime verifies signatures only asynchronously: use verifyChain or validateSupCertificate, which verify them',
};

function identity(
  key: PublicKeyHandle,
  params: VerifyParams,
  data: Uint8Array,
  signature: Uint8Array,
): string {
  return [
    port.keyIdentity(key),
    params.hash ?? '',
    params.padding ?? '',
    params.saltLength ?? '',
    toHex(port.digest('sha256', data)),
    toHex(port.digest('sha256', signature)),
  ].join('|');
}

/**
 * Verifies now: port.verify in Node; in a browser the remembered answer, else (inside
 * runWithSignatures) a provisional true that the run replaces by the real answer.
 * @throws Error when node:crypto refuses the inputs (callers count that as invalid).
 */
export function verifyNow(
  key: PublicKeyHandle,
  params: VerifyParams,
  data: Uint8Array,
  signature: Uint8Array,
): VerifyOutcome {
  const sync = port.verify(key, params, data, signature);
  if (sync !== undefined) return sync;
  const id = identity(key, params, data, signature);
  const known = memo.get(id);
  if (known !== undefined) return known;
  if (!pending) return NOT_HERE;
  pending.set(id, { key, params, data, signature });
  return true;
}

/**
 * False while answers given in the current pass may be provisional (a browser, inside
 * runWithSignatures, with signatures still to verify): a cache of results derived from
 * signature checks must not keep them then. Always true in Node.
 */
export function answersFinal(): boolean {
  return pending === null || pending.size === 0;
}

/**
 * Runs `part` (synchronous code that may check signatures with {@link verifyNow}) so that every
 * check is a real verification in every runtime; returns the part's result. In Node: `part()`.
 * @param budgets - the work budgets `part` draws from: restored before each repeated pass.
 */
export async function runWithSignatures<T>(
  part: () => T,
  budgets: readonly (WorkBudget | undefined)[] = [],
): Promise<T> {
  if (port.runtime === 'node' || pending) return part();
  const saved = budgets.map((b) => b?.saveState());
  if (memo.size > MEMO_MAX) memo.clear(); // never during a run: its passes rely on the answers
  for (;;) {
    const needed = new Map<string, Pending>();
    pending = needed;
    let result: T;
    try {
      result = part();
    } finally {
      pending = null;
    }
    if (needed.size === 0) return result;
    budgets.forEach((b, i) => b?.restoreState(saved[i]!));
    const ids = [...needed.keys()];
    const outcomes = await Promise.all(
      [...needed.values()].map((p) => port.verifyAsync(p.key, p.params, p.data, p.signature)),
    );
    ids.forEach((id, i) => memo.set(id, outcomes[i]!));
  }
}

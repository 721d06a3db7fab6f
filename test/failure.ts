import { SupCertError } from '../src/index.js';

/** The SupCertError a call rejects with; any other error is rethrown, a call that resolves fails the test. */
export async function failure(promise: Promise<unknown>): Promise<SupCertError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SupCertError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

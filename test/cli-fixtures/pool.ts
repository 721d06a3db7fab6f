import type { WorkerInit } from '../../src/cli/pool.js';

/** What a WorkerPool hands its workers, for tests whose (fake) workers read none of it. */
export const POOL_INIT: WorkerInit = {
  options: {},
  namesGiven: true,
  password: undefined,
  passwordOrigin: undefined,
  timeoutMs: 1000,
  caCertificates: [],
};

import {
  DEFAULT_LIMITS,
  EKU_NAMES,
  WorkBudget,
  describeRules,
  readCertificates,
  recogniseSnapshot,
  suggestRequest,
  validateSupDeployment,
  validateSupRequest,
} from '../index.js';
import { resolveOptions } from '../sup/resolveOptions.js';
import { expandInputs } from './inputs.js';

/**
 * What the lazily loaded commands (check-request, suggest) use of the library, handed to them
 * rather than imported. A module that is loaded with import() and imports the library makes
 * esbuild wrap every library module in a lazy initialiser, which slows the start-up of every
 * command, `supcert check` included (walk.ts and output/sarif.ts stay library-free for the same
 * reason). So the lazy modules import only types from the library, and this object.
 */
export const library = {
  DEFAULT_LIMITS,
  EKU_NAMES,
  WorkBudget,
  describeRules,
  expandInputs,
  readCertificates,
  recogniseSnapshot,
  resolveOptions,
  suggestRequest,
  validateSupDeployment,
  validateSupRequest,
};

export type Library = typeof library;

// @ts-expect-error: a plain .mjs generator (scripts/hostile/README.md)
import { cases } from '../scripts/hostile/sup.mjs';
import { describeHostileCases } from './hostile-cases.js';

describeHostileCases(
  'hostile cases of the SUP gate (scripts/hostile/sup.mjs)',
  cases,
  [1, 2, 3, 4, 5, 7],
);

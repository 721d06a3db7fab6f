// @ts-expect-error: a plain .mjs generator (scripts/hostile/README.md)
import { cases } from '../scripts/hostile/deploy.mjs';
import { describeHostileCases } from './hostile-cases.js';

describeHostileCases(
  'hostile deployment snapshots (scripts/hostile/deploy.mjs)',
  cases,
  [1, 2, 3, 4, 5, 7],
);

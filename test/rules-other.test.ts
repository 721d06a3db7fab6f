import { describe, expect, it } from 'vitest';
import { OTHER_ROWS, checkRow } from './rule-rows.js';

// The file rules, the PFX import, the names gate, deployment snapshots, renewals and requests
// (the table is in ./rule-rows.ts with the other families').
describe('file, PFX, names-gate, deployment, renewal and request rules', () => {
  it.each(OTHER_ROWS)('%s on %j with %j → %s %j', async (...row) => {
    const { status, codes } = await checkRow(row);
    expect(status).toBe(row[3]);
    if (row[4]) expect(codes).toEqual(row[4]);
  });
});

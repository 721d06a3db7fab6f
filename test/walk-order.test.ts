import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

/*
 * The walk's order must not depend on the order the file system lists a directory in: here the
 * listing is reversed (as another file system may give it) and the inputs must come out the same.
 */
const order = vi.hoisted(() => ({ reversed: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readdirSync = ((...args: Parameters<typeof fs.readdirSync>) => {
    const listed = (fs.readdirSync as (...a: unknown[]) => unknown[])(...args);
    return order.reversed ? [...listed].reverse() : listed;
  }) as typeof fs.readdirSync;
  return { ...fs, default: { ...fs, readdirSync }, readdirSync };
});

describe('walk: the order of names that show alike', () => {
  it('a real U+FFFD name and a Latin-1 name that both show as "x\uFFFD.pem" come out in one order', async () => {
    const { walk } = await import('../src/cli/walk.js');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'supcert-walk-order-'));
    mkdirSync(path.join(dir, 'd'));
    const raw = (name: Buffer): Buffer => Buffer.concat([Buffer.from(`${dir}/d/`), name]);
    writeFileSync(raw(Buffer.from('x\uFFFD.pem')), 'a');
    writeFileSync(raw(Buffer.from([0x78, 0xfc, 0x2e, 0x70, 0x65, 0x6d])), 'b');
    writeFileSync(raw(Buffer.from('a.pem')), 'c');
    const run = (reversed: boolean): string[] => {
      order.reversed = reversed;
      return walk(path.join(dir, 'd'), 1000).map((i) =>
        i.kind === 'file' && i.rawPath ? `raw:${Buffer.from(i.rawPath).toString('hex')}` : i.file,
      );
    };
    const forward = run(false);
    expect(forward).toHaveLength(3);
    expect(run(true)).toEqual(forward);
  });
});

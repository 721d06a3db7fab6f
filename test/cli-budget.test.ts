import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { WorkBudget } from '../src/index.js';
import { judge } from '../src/cli/judge.js';
import type { PasswordSource } from '../src/cli/password.js';
import { AT, NAMES, PFX_PASSWORD, ROOT, SUP } from './cli-fixtures/run.js';

/**
 * The command line draws one WorkBudget per input (work bounded per file): every
 * password tried on the file, the trust files and the chain search share it, and the next input
 * starts a new one. The library's entry points are wrapped to see which budget each call gets.
 */
const calls = vi.hoisted(() => [] as Array<{ fn: string; budget: unknown }>);

vi.mock('../src/index.js', async (importOriginal) => {
  const lib = await importOriginal<typeof import('../src/index.js')>();
  return {
    ...lib,
    readCertificates: (
      input: Parameters<typeof lib.readCertificates>[0],
      options?: Parameters<typeof lib.readCertificates>[1],
    ) => {
      calls.push({ fn: 'readCertificates', budget: options?.budget });
      return lib.readCertificates(input, options);
    },
    validateSupCertificate: (
      input: Parameters<typeof lib.validateSupCertificate>[0],
      options?: Parameters<typeof lib.validateSupCertificate>[1],
    ) => {
      calls.push({ fn: 'validateSupCertificate', budget: options?.budget });
      return lib.validateSupCertificate(input, options);
    },
  };
});

describe('one work budget per input', () => {
  it('every password tried, the trust files and the chain search of one file draw from one budget; the next file gets its own', async () => {
    const asked: string[] = [];
    const passwords: PasswordSource = {
      given: undefined,
      origin: undefined,
      typed: 'a-wrong-one',
      ask: async (file) => {
        asked.push(file);
        return PFX_PASSWORD;
      },
    };
    const ctx = {
      options: {
        names: NAMES,
        at: new Date(AT),
        trustAnchors: [readFileSync(path.join(ROOT, SUP, 'root.pem'))],
        intermediates: [readFileSync(path.join(ROOT, SUP, 'issuing.pem'))],
      },
      namesGiven: true,
      passwords,
      timeoutMs: 10_000,
    };
    const first = await judge(
      { kind: 'file', file: path.join(ROOT, SUP, 'good-both.pfx'), fromDirectory: false },
      ctx,
    );
    expect(first.kind).toBe('report');
    expect(asked).toHaveLength(1);
    // No password, the typed one (wrong), the answer; then the judgement with the chain.
    expect(calls.map((c) => c.fn)).toEqual([
      'readCertificates',
      'readCertificates',
      'readCertificates',
      'validateSupCertificate',
    ]);
    const budget = calls[0]!.budget;
    expect(budget).toBeInstanceOf(WorkBudget);
    for (const c of calls) expect(c.budget).toBe(budget);

    calls.length = 0;
    const second = await judge(
      { kind: 'file', file: path.join(ROOT, SUP, 'good-both.pem'), fromDirectory: false },
      ctx,
    );
    expect(second.kind).toBe('report');
    expect(calls.map((c) => c.fn)).toEqual(['readCertificates', 'validateSupCertificate']);
    expect(calls[0]!.budget).toBeInstanceOf(WorkBudget);
    expect(calls[0]!.budget).not.toBe(budget);
    expect(calls[1]!.budget).toBe(calls[0]!.budget);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { AT, NAMES, PFX_PASSWORD, SUP, assertBuilt, runCli } from './cli-fixtures/run.js';
import { onTerminal } from './cli-fixtures/terminal.js';

/*
 * What only happens on a terminal: colours, the hidden password prompt, the progress line
 * (onTerminal: util-linux `script` gives the command a pseudo-terminal).
 */
const ESC = '\u001b[';

beforeAll(assertBuilt);

describe('supcert on a terminal', () => {
  it('colours the report on a terminal, and not with NO_COLOR, --no-color or a pipe', async () => {
    const args = ['check', `${SUP}/cn-only-while-san.pem`, '--names', NAMES, '--at', AT];
    const tty = await onTerminal(args);
    expect(tty.status).toBe(1);
    expect(tty.output).toContain(`${ESC}31m`);
    expect(tty.output).toMatch(/\u001b\[[0-9;]*mFAIL/);
    const noColorEnv = await onTerminal(args, { env: { NO_COLOR: '1' } });
    expect(noColorEnv.output).not.toContain(ESC);
    const noColorFlag = await onTerminal([...args, '--no-color']);
    expect(noColorFlag.output).not.toContain(ESC);
    const piped = await runCli(args);
    expect(piped.stdout).not.toContain(ESC);
  });

  it('asks for a PFX password with the input hidden, when none was given', async () => {
    const r = await onTerminal(
      ['check', `${SUP}/good-both.pfx`, '--names', NAMES, '--at', AT, '--no-color'],
      { waitFor: 'Password for', answer: `${PFX_PASSWORD}\r` },
    );
    expect(r.output).toContain(`Password for ${SUP}/good-both.pfx: `);
    expect(r.output).toContain('PASS  0 errors');
    expect(r.output).not.toContain(PFX_PASSWORD);
    expect(r.status).toBe(0);
  });

  it('a wrong password typed at the prompt is exit 2, and it is not shown', async () => {
    const typed = 'typo-Passw0rd';
    const r = await onTerminal(
      ['check', `${SUP}/good-both.pfx`, '--names', NAMES, '--at', AT, '--no-color'],
      { waitFor: 'Password for', answer: `${typed}\r` },
    );
    expect(r.status).toBe(2);
    expect(r.output).toContain('(WRONG_PASSWORD)');
    expect(r.output).not.toContain(typed);
  });

  it('the typed password is tried on the next PFX before asking again', async () => {
    const r = await onTerminal(
      [
        'check',
        `${SUP}/good-both.pfx`,
        `${SUP}/good-both-capi.pfx`,
        '--names',
        NAMES,
        '--at',
        AT,
        '--no-color',
      ],
      { waitFor: 'Password for', answer: `${PFX_PASSWORD}\r` },
    );
    expect(r.status).toBe(0);
    expect(r.output.match(/Password for/g)).toHaveLength(1);
    expect(r.output).toContain('2 inputs: 2 passed, 0 failed');
  });

  it('shows progress on the terminal for more than 5 inputs, and clears it', async () => {
    const files = [
      'good-both',
      'good-intranet',
      'cn-only-while-san',
      'no-san',
      'wildcard',
      'ec-p256',
    ].map((s) => `${SUP}/${s}.pem`);
    const r = await onTerminal(['check', ...files, '--names', NAMES, '--at', AT, '--no-color']);
    expect(r.output).toContain(`\r${ESC}K[1/6] ${files[0]}`);
    expect(r.output).toContain(`\r${ESC}K[6/6] ${files[5]}`);
    const piped = await runCli(['check', ...files, '--names', NAMES, '--at', AT]);
    expect(piped.stderr).toBe('');
  });
});

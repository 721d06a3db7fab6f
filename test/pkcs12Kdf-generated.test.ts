import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('pkcs12Kdf generated kernels', () => {
  it('match scripts/gen-kdf-kernels.mjs (run it with --write after changing the generator)', () => {
    const r = spawnSync(process.execPath, ['scripts/gen-kdf-kernels.mjs', '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.error).toBeUndefined();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

import { fileURLToPath } from 'node:url';
import { readFileCapped } from './readFile.js';

/** The package version, read when asked (only --version and SARIF need it): dist/cli.cjs sits next to ../package.json. */
export function packageVersion(): string {
  const pkg = JSON.parse(
    readFileCapped(
      fileURLToPath(new URL('../package.json', import.meta.url)),
      1024 * 1024,
      'package.json',
      '1 MiB',
    ).toString('utf8'),
  ) as { version: string };
  return pkg.version;
}

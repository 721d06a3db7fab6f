#!/usr/bin/env node
// The registry this project installs from serves only the Linux glibc builds of rollup's
// platform packages; npm then leaves the other platforms' optional packages out of
// package-lock.json, and `npm ci` refuses the lock as "not in sync". This adds those entries
// back (optional, with their os/cpu/libc), which is what npm writes on a full registry; npm ci
// then skips them on this platform as it would anyway. Run after every `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const CPU = {
  arm: 'arm',
  'arm-eabi': 'arm',
  arm64: 'arm64',
  x64: 'x64',
  ia32: 'ia32',
  loong64: 'loong64',
  ppc64: 'ppc64',
  riscv64: 'riscv64',
  s390x: 's390x',
};
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const m =
      /^@rollup\/rollup-(android|darwin|freebsd|linux|openbsd|openharmony|win32)-([a-z0-9]+)(?:-(eabi|gnueabihf|musleabihf|gnu|musl|msvc))?$/.exec(
        name,
      );
    if (!m) continue;
    const key = `${path ? `${path}/` : ''}node_modules/${name}`.replace(
      /^node_modules\/rollup\/node_modules\//,
      'node_modules/',
    );
    if (lock.packages[key]) continue;
    const [, os, arch, abi] = m;
    const pkg = {
      version,
      cpu: [CPU[arch] ?? arch],
      dev: true,
      license: 'MIT',
      optional: true,
      os: [os === 'win32' ? 'win32' : os],
    };
    if (abi === 'gnu' || abi === 'gnueabihf') pkg.libc = ['glibc'];
    if (abi === 'musl' || abi === 'musleabihf') pkg.libc = ['musl'];
    lock.packages[key] = pkg;
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) =>
    a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
  ),
);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} platform entries`);

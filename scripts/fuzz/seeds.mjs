/** Seed files: every certificate-ish file under certs-fixtures/, in a stable order. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SEED_EXTENSIONS = new Set([
  'pem',
  'der',
  'cer',
  'crt',
  'p7b',
  'p7c',
  'pfx',
  'p12',
  'b64',
  'bin',
  'txt',
  'key',
  'csr',
  'req',
  'inf',
  // deployment snapshots (certs-fixtures/deployment): the 'snapshot' target
  'config',
  'reg',
  'sst',
]);

function walk(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) walk(full, out);
    else out.push({ full, size: st.size });
  }
  return out;
}

/** [{ name (relative path), data }] of the seeds of at most maxBytes each. */
export function loadSeeds(fixturesDir, maxBytes) {
  const seeds = [];
  for (const { full, size } of walk(fixturesDir, [])) {
    const ext = path.extname(full).slice(1).toLowerCase();
    if (!SEED_EXTENSIONS.has(ext) || size === 0 || size > maxBytes) continue;
    seeds.push({
      name: path.relative(fixturesDir, full),
      data: new Uint8Array(readFileSync(full)),
    });
  }
  return seeds;
}

/** Extra seeds from a corpus directory (--resume), sorted by name. */
export function loadCorpusDir(dir, maxBytes) {
  let names;
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const out = [];
  for (const name of names) {
    if (!name.endsWith('.bin')) continue;
    const data = readFileSync(path.join(dir, name));
    if (data.length > 0 && data.length <= maxBytes)
      out.push({ name: `corpus/${name}`, data: new Uint8Array(data) });
  }
  return out;
}

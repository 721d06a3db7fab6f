import { describeRules } from '../../index.js';
import type { RulesFormat } from '../choices.js';
import { padEnd, t } from '../output/clean.js';
import { lines } from '../output/textCommon.js';
import { write, writeJson } from '../output/write.js';
import { styleFor } from '../style.js';

/** `supcert rules`: the catalogue as describeRules() gives it, for reading or for tools. */
export function printRuleCatalogue(format: RulesFormat, noColor: boolean): number {
  const rules = describeRules();
  if (format === 'json') {
    writeJson('stdout', rules);
    return 0;
  }
  const s = styleFor(process.stdout, noColor);
  const colour = { error: 'red', warning: 'yellow', info: 'cyan' } as const;
  const width = rules.reduce((w, r) => Math.max(w, r.id.length), 0);
  const indent = padEnd('', width + 11);
  const out = [];
  for (const r of rules) {
    out.push(
      t`${s.paint('bold', padEnd(r.id, width))}  ${s.paint(colour[r.severity], padEnd(r.severity, 7))}  ${r.title}`,
    );
    const c = r.citation;
    out.push(t`${indent}${s.paint('dim', t`${c.title}${c.section ? `, ${c.section}` : ''}`)}`);
    if (c.url) out.push(t`${indent}${s.paint('dim', t`${c.url}`)}`);
  }
  out.push(t``, t`${rules.length} rules. The severity is the most severe finding a rule can give.`);
  write('stdout', lines(out));
  return 0;
}

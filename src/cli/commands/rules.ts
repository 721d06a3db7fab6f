import { describeRules } from '../../index.js';
import { styleFor } from '../style.js';

/** `supcert rules`: the catalogue as describeRules() gives it, for reading or for tools. */
export function runRules(format: 'text' | 'json', noColor: boolean): number {
  const rules = describeRules();
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
    return 0;
  }
  const s = styleFor(process.stdout, noColor);
  const colour = { error: 'red', warning: 'yellow', info: 'cyan' } as const;
  const width = Math.max(...rules.map((r) => r.id.length));
  const indent = ' '.repeat(width + 11);
  const lines: string[] = [];
  for (const r of rules) {
    lines.push(`${s.paint('bold', r.id.padEnd(width))}  ${s.paint(colour[r.severity], r.severity.padEnd(7))}  ${r.title}`);
    const c = r.citation;
    lines.push(`${indent}${s.paint('dim', `${c.title}${c.section ? `, ${c.section}` : ''}`)}`);
    if (c.url) lines.push(`${indent}${s.paint('dim', c.url)}`);
  }
  lines.push('', `${rules.length} rules. The severity is the most severe finding a rule can give.`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

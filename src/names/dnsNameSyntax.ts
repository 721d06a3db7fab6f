import { printable } from '../util/printable.js';

/** Why a SAN dNSName is not a host name in RFC 1034 preferred syntax, or null when it is. */
export function dnsNameSyntaxProblem(name: string): string | null {
  if (name === '') return 'it is empty';
  if (name === '*') return 'it is a bare "*" (no domain at all)';
  const body = name.startsWith('*.') ? name.slice(2) : name;
  if (body.length > 253) return `it is ${body.length} characters long (at most 253)`;
  if (body.startsWith('.')) return 'it starts with a dot';
  const labels = body.replace(/\.$/, '').split('.');
  for (const label of labels) {
    if (label === '') return 'it has an empty label ("..")';
    if (label.length > 63)
      return `the label "${label.slice(0, 20)}…" is ${label.length} characters long (at most 63)`;
    if (label.includes('*')) continue; // wildcard shapes are SUP-NAME-010's
    if (!/^[A-Za-z0-9_-]+$/.test(label))
      return `the label "${printable(label)}" has characters other than letters, digits, "-" and "_"`;
    if (label.startsWith('-') || label.endsWith('-'))
      return `the label "${label}" starts or ends with "-"`;
  }
  return null;
}

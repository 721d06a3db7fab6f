/**
 * Certificate fields are attacker-controlled text: a subject can hold escape sequences that
 * recolour or rewrite the terminal, or bidi overrides that reorder what the eye reads. They are
 * shown as \xNN / \u{NNNN} instead (the JSON and SARIF outputs escape them by themselves).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function clean(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

import { describe, expect, it } from 'vitest';
import { isPlainText } from '../src/cli/textFile.js';

/** Which MALFORMED files in a directory are merely text notes (skipped) and which are damaged certificates (errors). */
describe('isPlainText', () => {
  const utf16 = (text: string): Buffer =>
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  it.each([
    ['a note', 'hello world this is text with lines\n', true],
    ['a note beginning with M', 'Meeting notes: renew the SUP certificate in May.\n', true],
    ['a note with a UTF-8 BOM', '\uFEFFSee the wiki for the SUP certificate.\n', true],
    ['bare base64 of DER, cut short', 'MIIDdzCCAl+gAwIBAgIUAoXwPTOjhVnfP30y5MV3c\nMIIDdz\n', false],
    ['bare base64 with trailing blanks', 'MIIDdzCCAl+gAwIBAgIU  \nAoXwPTOjhVnf\n', false],
    [
      'a damaged PEM',
      '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n',
      false,
    ],
    ['empty or blank', '  \n\n', false],
  ])('%s → %s', (_what, text, expected) => {
    expect(isPlainText(Buffer.from(text, 'utf8'))).toBe(expected);
  });

  it('UTF-16 with a BOM (PowerShell 5 ">") is read by its ASCII bytes', () => {
    expect(isPlainText(utf16('hello world this is text\r\n'))).toBe(true);
    expect(isPlainText(utf16('MIIDdzCCAl+gAwIBAgIU\r\n'))).toBe(false);
  });

  it('binary is never text: DER (0x30), NUL and other controls', () => {
    expect(isPlainText(Uint8Array.from([0x30, 0x82, 0x01, 0x00]))).toBe(false);
    expect(isPlainText(Buffer.from('hello\u0000world'))).toBe(false);
    expect(isPlainText(Buffer.from('hello\u001bworld'))).toBe(false);
  });
});

/** PEM and base64 helpers for the mutator (lenient: they never throw). */

const BLOCK = /-----BEGIN ([^\r\n]*?)-----([\s\S]*?)-----END ([^\r\n]*?)-----/g;

/** Every complete BEGIN..END block: offsets in the text, labels, header lines and base64 body. */
export function findBlocks(text) {
  const out = [];
  BLOCK.lastIndex = 0;
  let m;
  while ((m = BLOCK.exec(text)) !== null) {
    const inner = m[2];
    const lines = inner.split(/\r?\n|\r/);
    const headers = [];
    const body = [];
    let inHeaders = true;
    for (const line of lines) {
      if (inHeaders && /^[A-Za-z-]+:/.test(line)) {
        headers.push(line);
        continue;
      }
      if (inHeaders && line.trim() === '' && headers.length > 0) {
        inHeaders = false;
        continue;
      }
      if (line.trim() !== '') inHeaders = false;
      body.push(line.trim());
    }
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      label: m[1],
      endLabel: m[3],
      headers,
      body: body.join(''),
      innerStart: m.index + 11 + m[1].length + 5,
      innerEnd: m.index + 11 + m[1].length + 5 + inner.length,
    });
    if (out.length > 64) break;
  }
  return out;
}

export function decodeBase64(text) {
  return new Uint8Array(Buffer.from(text.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'));
}

export function wrap(b64, lineLength, eol) {
  if (lineLength <= 0) return b64;
  const lines = [];
  for (let i = 0; i < b64.length; i += lineLength) lines.push(b64.slice(i, i + lineLength));
  return lines.join(eol);
}

export function encodePem(
  label,
  der,
  { lineLength = 64, eol = '\n', headers = [], endLabel = label } = {},
) {
  const body = wrap(Buffer.from(der).toString('base64'), lineLength, eol);
  const head = headers.length ? headers.join(eol) + eol + eol : '';
  return `-----BEGIN ${label}-----${eol}${head}${body}${eol}-----END ${endLabel}-----${eol}`;
}

export const PEM_LABELS = [
  'CERTIFICATE',
  'X509 CERTIFICATE',
  'TRUSTED CERTIFICATE',
  'PKCS7',
  'CERTIFICATE CHAIN',
  'PRIVATE KEY',
  'ENCRYPTED PRIVATE KEY',
  'RSA PRIVATE KEY',
  'EC PRIVATE KEY',
  'CERTIFICATE REQUEST',
  'NEW CERTIFICATE REQUEST',
  'X509 CRL',
  'PUBLIC KEY',
  'EC PARAMETERS',
  'DSA PRIVATE KEY',
  'PKCS12',
  'CMS',
  'OPENSSH PRIVATE KEY',
  'certificate',
  'CERTIFICATE ',
  ' CERTIFICATE',
  '',
  'CERTIFICATE-----',
  'X',
  'ENCRYPTED PRIVATE KEY\0',
];

export const PEM_HEADERS = [
  ['Proc-Type: 4,ENCRYPTED', 'DEK-Info: DES-EDE3-CBC,0123456789ABCDEF'],
  ['Proc-Type: 4,ENCRYPTED', 'DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF'],
  ['Proc-Type: 4,ENCRYPTED', 'DEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF'],
  ['Proc-Type: 4,ENCRYPTED', 'DEK-Info: DES-CBC,0123456789ABCDEF'],
  ['Proc-Type: 4,ENCRYPTED', 'DEK-Info: AES-128-CBC,0011'],
  ['Proc-Type: 4,ENCRYPTED', 'DEK-Info: BF-CBC,0123456789ABCDEF'],
  ['Proc-Type: 4,ENCRYPTED', 'DEK-Info: AES-192-CBC'],
  ['Proc-Type: 4,ENCRYPTED'],
  ['DEK-Info: DES-EDE3-CBC,ZZZZ'],
  ['Comment: "fuzz"'],
];

export const PREAMBLES = [
  'Bag Attributes\n    localKeyID: 01 00 00 00 \n    friendlyName: sup01\nsubject=/CN=sup01.corp.contoso.com\nissuer=/CN=Contoso Issuing CA\n',
  'Certificate:\n    Data:\n        Version: 3 (0x2)\n',
  'subject=CN = sup01\n\n',
  '\ufeff',
  '\r\n\r\n',
  '-----BEGIN CERTIFICATE-----\n',
  '-----END CERTIFICATE-----\n',
];

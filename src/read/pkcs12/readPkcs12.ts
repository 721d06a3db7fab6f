import {
  elementCounter,
  maxChildrenFor,
  type Asn1Node,
  type BerContext,
  Tag,
  TagClass,
  encoded,
  explicit,
  octets,
  oid,
  readWhole,
  readWholePadded,
  sequence,
  smallInt,
  octetString,
} from '../../asn1/ber.js';
import { Oid } from '../../asn1/oids.js';
import { decodeString } from '../../asn1/strings.js';
import { SupCertError, malformed, unsupported } from '../../errors.js';
import { type ReadLimits, type WorkBudget, checkLimit } from '../../limits.js';
import { toHex } from '../../util/bytes.js';
import type { PfxProtection } from '../CertificateBundle.js';
import { DecryptFailed } from './ciphers.js';
import {
  type EncryptionScheme,
  decryptWith,
  deriveKey,
  parseEncryptionScheme,
} from './encryptionScheme.js';
import { type MacScheme, parseMacData, verifyMac } from './mac.js';
import { type PasswordForm, emptyPasswordForms, passwordForms } from './password.js';
import { item } from '../../util/item.js';

/** What a PFX holds, before the certificates and keys are interpreted. */
export interface Pkcs12Contents {
  certificates: Array<{ der: Uint8Array; friendlyName?: string; localKeyId?: string }>;
  /** PKCS#8 PrivateKeyInfo DER of each key (decrypted). */
  keys: Array<{
    pkcs8: Uint8Array;
    friendlyName?: string;
    localKeyId?: string;
    providerName?: string;
  }>;
  /** How the file is protected, for the report ("MAC HMAC-SHA256, 2048 iterations" ...). */
  protection: string[];
  /** The same, structured. */
  pfx: PfxProtection;
  /** Things present but not read (CRL bags, secret bags ...). */
  notes: string[];
}

interface BagAttributes {
  friendlyName?: string;
  localKeyId?: string;
  providerName?: string;
}

/** An encrypted piece waiting for the password: a SafeContents or a shrouded key. */
interface Sealed {
  scheme: EncryptionScheme;
  data: Uint8Array;
  what: string;
}

/**
 * Reads a PKCS#12 file (RFC 7292). The MAC is checked before anything is decrypted, so a wrong
 * password is reported as WRONG_PASSWORD and never as corruption; an unsupported algorithm is
 * found while parsing, before any password is tried, so it is never reported as a wrong password.
 *
 * Work: every key derivation (each MAC attempt, each encrypted SafeContents, each shrouded key)
 * draws its cost in KDF work units (iterations × hash chains × the hash's measured weight,
 * ./kdfCost.ts) from `budget` (`maxTotalIterations`); `maxIterations` caps one derivation's cost.
 * The worst case of the password search is checked before the first derivation, so a file that
 * cannot fit fails at zero cost, and a wrong password costs at most maxIterations units; `maxBags` the safe bags and `maxKeys` the key bags of the whole file. The MAC is
 * verified before any bag key is derived, so a wrong password costs only the MAC derivations.
 * @throws SupCertError PASSWORD_REQUIRED, WRONG_PASSWORD, MALFORMED, UNSUPPORTED_ALGORITHM, LIMIT_EXCEEDED.
 */
export async function readPkcs12(
  bytes: Uint8Array,
  password: string | undefined,
  budget: WorkBudget,
): Promise<Pkcs12Contents> {
  const limits = budget.limits;
  const ctx: BerContext = {
    maxDepth: limits.maxDepth,
    what: 'PKCS#12',
    elements: elementCounter(budget),
    maxChildren: maxChildrenFor(limits),
  };
  const { node: pfxNode, padding } = readWholePadded(bytes, ctx);
  const [versionNode, authSafeNode, macNode] = sequence(pfxNode, 'PFX', ctx);
  const version = smallInt(versionNode, 'PFX version', ctx);
  if (version !== 3)
    throw unsupported(
      `PKCS#12: version ${version} files are not supported (only version 3, the one every current tool writes). Export the PFX again with a current tool.`,
    );
  const [typeNode, contentNode] = sequence(authSafeNode, 'authSafe', ctx);
  const type = oid(typeNode, 'authSafe content type', ctx);
  if (type === Oid.signedData)
    throw unsupported(
      'PKCS#12: public-key integrity mode (a signed authSafe) is not supported; export the file with a password instead.',
    );
  if (type !== Oid.data)
    throw malformed(`PKCS#12: authSafe has content type ${type}, expected data.`);
  if (!contentNode)
    throw malformed(
      'PKCS#12: the authSafe has no content (the file is truncated or was written by a broken tool). Export the PFX again.',
    );
  const authSafe = octets(explicit(contentNode, 'authSafe content', ctx), ctx);

  const out: Pkcs12Contents = {
    certificates: [],
    keys: [],
    protection: [],
    pfx: { mac: null, parts: [] },
    notes: [],
  };
  if (padding > 0)
    out.notes.push(
      `ignored ${padding} zero byte${padding === 1 ? '' : 's'} after the end of the PKCS#12 data (Windows export APIs leave such padding; Windows and OpenSSL ignore it)`,
    );
  const plain: Uint8Array[] = [];
  const sealed: Sealed[] = [];
  for (const info of sequence(readWhole(authSafe, ctx), 'AuthenticatedSafe', ctx)) {
    const [ciType, ciContent] = sequence(info, 'ContentInfo', ctx);
    const ct = oid(ciType, 'ContentInfo type', ctx);
    // A data or encryptedData ContentInfo without its [0] content holds nothing to read: the
    // file is broken (OpenSSL refuses it too), not merely a PFX without a certificate.
    const missing = (kind: string): SupCertError =>
      malformed(
        `PKCS#12: ${kind} ContentInfo of the AuthenticatedSafe has no content (the file is truncated or was written by a broken tool). Export the PFX again.`,
      );
    if (ct === Oid.data) {
      if (!ciContent) throw missing('a data');
      plain.push(octets(explicit(ciContent, 'data content', ctx), ctx));
    } else if (ct === Oid.encryptedData) {
      if (!ciContent) throw missing('an encryptedData');
      sealed.push(readEncryptedData(explicit(ciContent, 'encryptedData', ctx), ctx, limits));
    } else if (ct === Oid.envelopedData) {
      throw unsupported(
        'PKCS#12: public-key privacy mode (envelopedData) is not supported; export the file with a password instead.',
      );
    } else {
      throw malformed(`PKCS#12: unknown ContentInfo type ${ct} in the AuthenticatedSafe.`);
    }
  }

  // Shrouded keys in the plain parts are known now: collect them before deciding the password.
  const bags = { count: 0 };
  const pendingKeys: Array<Sealed & { attrs: BagAttributes }> = [];
  for (const safe of plain) readSafeContents(safe, ctx, budget, out, pendingKeys, bags);

  const forms = passwordForms(password);
  const mac = macNode ? parseMacData(macNode, ctx, limits) : undefined;
  // Every derivation the password search may run must fit the budget before the first one starts
  // (costs in KDF work units, ./kdfCost.ts): with a MAC, one MAC derivation per form, then every
  // part; without one, the first part once per form (the right form's result is kept), then the rest.
  const parts = sealed.concat(pendingKeys);
  const partsCost = parts.reduce((sum, s) => sum + s.scheme.cost, 0);
  const probeCost = item(parts, 0)?.scheme.cost ?? 0;
  precheck(
    budget,
    mac ? forms.length * mac.cost + partsCost : (forms.length - 1) * probeCost + partsCost,
  );
  let chosen: PasswordForm;
  if (mac) {
    out.protection.push(`MAC ${mac.description}`);
    out.pfx.mac =
      mac.kind === 'pbmac1'
        ? { kind: 'pbmac1', hmac: mac.hmac, prf: mac.kdf.prf, iterations: mac.kdf.iterations }
        : { kind: 'hmac', hash: mac.hash, iterations: mac.iterations };
    // When the given password fails, the empty and absent forms are tried to say "this file has no
    // password": decided now, and only when the three MAC derivations together cost no more than
    // one derivation may (maxIterations) and fit what is left, so a wrong password never costs
    // more than maxIterations units (~0.3 s).
    const fallback =
      password !== undefined &&
      password !== '' &&
      3 * mac.cost <= limits.maxIterations &&
      fits(budget, 3 * mac.cost);
    // A small file (every Windows, OpenSSL and Java export at its default iterations) derives its
    // parts' keys for the given password alongside the MAC, as the MAC's PBKDF2 and theirs run on
    // the libuv pool together; a wrong password then wastes at most SPECULATE_UNITS. Larger files
    // derive nothing before the MAC has verified.
    if (
      forms.length > 0 &&
      mac.cost + partsCost <= SPECULATE_UNITS &&
      fits(budget, forms.length * mac.cost + 2 * partsCost)
    ) {
      for (const part of parts) {
        budget.charge(
          'maxTotalIterations',
          part.scheme.cost,
          `PKCS#12: key derivation of the ${part.what}`,
        );
        const derived = deriveKey(part.scheme, forms[0]!);
        derived.catch(() => undefined);
        speculative.set(part, { form: forms[0]!, derived });
      }
    }
    chosen = await findMacPassword(mac, forms, authSafe, password, budget, fallback, parts);
  } else {
    out.protection.push('no integrity MAC (the file can be altered without the password)');
    chosen = await findDecryptPassword(parts, forms, password, budget);
  }
  // The password is known: derive the keys of the encrypted parts together (PBKDF2 on the libuv
  // pool, the PKCS#12 KDF in slices), then read them in file order.
  const opened = await openAll(sealed, chosen, mac !== undefined, budget);
  for (const clear of opened) readSafeContents(clear, ctx, budget, out, pendingKeys, bags);
  await openKeys(pendingKeys, chosen, mac !== undefined, out, budget);
  const schemes = new Set(
    sealed
      .concat(pendingKeys)
      .map((s) => `${s.what}: ${s.scheme.name}, ${s.scheme.iterations} iterations`),
  );
  for (const scheme of schemes) out.protection.push(scheme);
  for (const s of sealed.concat(pendingKeys)) {
    const { scheme } = s;
    out.pfx.parts.push({
      part: s.what === 'private key' ? 'private key' : 'certificates',
      scheme: scheme.kind,
      name: scheme.name,
      cipher: scheme.cipher,
      ...(scheme.rc2Bits ? { rc2Bits: scheme.rc2Bits } : {}),
      ...(scheme.kind === 'pbes2' ? { prf: scheme.prf } : {}),
      iterations: scheme.iterations,
    });
  }
  return out;
}

/** True when `units` more KDF work units fit what is left of maxTotalIterations. */
function fits(budget: WorkBudget, units: number): boolean {
  return budget.spent('maxTotalIterations') + units <= budget.limits.maxTotalIterations;
}

/** Throws LIMIT_EXCEEDED when `units` more KDF work units would pass maxTotalIterations, drawing nothing. */
function precheck(budget: WorkBudget, units: number): void {
  if (!fits(budget, units)) {
    budget.charge(
      'maxTotalIterations',
      units,
      `PKCS#12: ${units.toLocaleString('en-US')} KDF work units (iterations weighted by hash and engine; MAC and encrypted parts together)`,
    );
  }
}

/** Derived keys already computed while the password was searched for (no MAC), so no KDF runs twice. */
const probed = new WeakMap<
  Sealed,
  { form: PasswordForm; derived: { key: Uint8Array; iv: Uint8Array } }
>();

/**
 * KDF work units (./kdfCost.ts) under which a file with a MAC derives its parts' keys alongside the
 * MAC (~10 ms of work here: Windows' TripleDES export costs 14,000, OpenSSL 3's default ~12,000).
 */
const SPECULATE_UNITS = 60_000;

/** Keys derived alongside the MAC for the given password (already drawn from the budget). */
const speculative = new WeakMap<
  Sealed,
  { form: PasswordForm; derived: Promise<{ key: Uint8Array; iv: Uint8Array }> }
>();

/** Draws the iterations of one derivation from the budget, then derives. */
function derive(
  s: Sealed,
  form: PasswordForm,
  budget: WorkBudget,
): Promise<{ key: Uint8Array; iv: Uint8Array }> {
  const cached = probed.get(s);
  if (cached?.form === form) return Promise.resolve(cached.derived);
  const early = speculative.get(s);
  if (early?.form === form) return early.derived;
  budget.charge('maxTotalIterations', s.scheme.cost, `PKCS#12: key derivation of the ${s.what}`);
  return deriveKey(s.scheme, form);
}

function readEncryptedData(node: Asn1Node, ctx: BerContext, limits: ReadLimits): Sealed {
  const [, eci] = sequence(node, 'EncryptedData', ctx);
  const [, algNode, dataNode] = sequence(eci, 'EncryptedContentInfo', ctx);
  const scheme = parseEncryptionScheme(algNode, ctx, limits);
  if (!dataNode || dataNode.cls !== TagClass.Context || dataNode.tag !== 0)
    return { scheme, data: new Uint8Array(0), what: 'certificates' };
  // [0] IMPLICIT OCTET STRING: primitive, or constructed from pieces (NSS).
  return { scheme, data: octets(dataNode, ctx), what: 'certificates' };
}

/**
 * `fallback`: after the given password fails, try the empty and absent forms (their cost was checked
 * up front). `parts`: the encrypted parts; those whose keys were derived alongside the MAC for the
 * given password tell, when the MAC fails, a wrong password from a damaged file.
 */
async function findMacPassword(
  mac: MacScheme,
  forms: PasswordForm[],
  data: Uint8Array,
  password: string | undefined,
  budget: WorkBudget,
  fallback: boolean,
  parts: readonly Sealed[],
): Promise<PasswordForm> {
  const verify = (form: PasswordForm): Promise<boolean> => {
    budget.charge('maxTotalIterations', mac.cost, 'PKCS#12: integrity MAC key derivation');
    return verifyMac(mac, form, data);
  };
  for (const form of forms) if (await verify(form)) return form;
  if (!password)
    throw new SupCertError(
      'PASSWORD_REQUIRED',
      'PKCS#12: this file is protected by a password. Give the password the file was exported with.',
    );
  for (const form of fallback ? emptyPasswordForms() : []) {
    if (await verify(form))
      throw new SupCertError(
        'WRONG_PASSWORD',
        'PKCS#12: wrong password: this file has no password. Try again without one.',
      );
  }
  if (await decryptsWithGiven(parts, forms[0]))
    throw malformed(
      'PKCS#12: the file is damaged: the password is right (it decrypts the contents) but the integrity MAC does not verify, so the file was altered after it was exported (a transfer in text mode, a truncated or edited copy). Export the PFX again, or copy it again as a binary file.',
    );
  throw new SupCertError(
    'WRONG_PASSWORD',
    'PKCS#12: wrong password (the integrity MAC does not verify). Check the password the file was exported with; if it is right, the file is corrupted.',
  );
}

/**
 * True when a part whose key was already derived for `form` (alongside the MAC: no KDF runs here)
 * decrypts to well-formed DER: the password is right. A wrong key passes the padding check by
 * chance about once in 256 and then gives random bytes, which are never a whole DER structure.
 */
async function decryptsWithGiven(
  parts: readonly Sealed[],
  form: PasswordForm | undefined,
): Promise<boolean> {
  for (const part of parts) {
    const early = speculative.get(part);
    if (!form || early?.form !== form) continue;
    try {
      readWhole(await decryptWith(part.scheme, await early.derived, part.data), {
        maxDepth: 64,
        what: 'probe',
      });
      return true;
    } catch (error) {
      if (!wrongKeySign(error)) throw error;
    }
  }
  return false;
}

/** What decrypting with a wrong key gives: a padding failure, or bytes that are not DER. */
const wrongKeySign = (error: unknown): boolean =>
  error instanceof DecryptFailed || (error instanceof SupCertError && error.code === 'MALFORMED');

/** Without a MAC, the password is right when decryption gives well-formed data. */
async function findDecryptPassword(
  items: Sealed[],
  forms: PasswordForm[],
  password: string | undefined,
  budget: WorkBudget,
): Promise<PasswordForm> {
  const probe = item(items, 0);
  if (!probe) return forms[0]!;
  for (const form of forms) {
    try {
      const derived = await derive(probe, form, budget);
      const clear = await decryptWith(probe.scheme, derived, probe.data);
      readWhole(clear, { maxDepth: 64, what: 'probe' });
      probed.set(probe, { form, derived });
      return form;
    } catch (error) {
      if (!wrongKeySign(error)) throw error;
    }
  }
  if (!password)
    throw new SupCertError(
      'PASSWORD_REQUIRED',
      'PKCS#12: this file is encrypted with a password. Give the password the file was exported with.',
    );
  throw new SupCertError(
    'WRONG_PASSWORD',
    'PKCS#12: wrong password (the file has no integrity MAC and decryption fails). Check the password the file was exported with.',
  );
}

/** Draws every derivation from the budget first (all or nothing), then opens the parts together. */
function openAll(
  items: Sealed[],
  form: PasswordForm,
  macVerified: boolean,
  budget: WorkBudget,
): Promise<Uint8Array[]> {
  precheck(
    budget,
    items.reduce(
      (sum, s) =>
        sum +
        (probed.get(s)?.form === form || speculative.get(s)?.form === form ? 0 : s.scheme.cost),
      0,
    ),
  );
  const derived = items.map((s) => derive(s, form, budget));
  for (const p of derived) void p.catch(() => undefined);
  return Promise.all(items.map((s, i) => open(s, macVerified, derived[i]!)));
}

async function open(
  s: Sealed,
  macVerified: boolean,
  derived: Promise<{ key: Uint8Array; iv: Uint8Array }>,
): Promise<Uint8Array> {
  try {
    return await decryptWith(s.scheme, await derived, s.data);
  } catch (error) {
    if (!(error instanceof DecryptFailed)) throw error;
    if (macVerified)
      throw malformed(
        `PKCS#12: the ${s.what} cannot be decrypted although the password is right (the MAC verified): the file is corrupted, or was written with a password encoding supcert does not know. Export it again from the certificate store (Windows: Export-PfxCertificate).`,
      );
    throw new SupCertError(
      'WRONG_PASSWORD',
      `PKCS#12: wrong password (the ${s.what} cannot be decrypted and the file has no MAC to tell).`,
    );
  }
}

async function openKeys(
  pending: Array<Sealed & { attrs: BagAttributes }>,
  form: PasswordForm,
  macVerified: boolean,
  out: Pkcs12Contents,
  budget: WorkBudget,
): Promise<void> {
  const opened = await openAll(pending, form, macVerified, budget);
  opened.forEach((pkcs8, i) => {
    const ctx: BerContext = {
      maxDepth: 32,
      what: 'PKCS#12 key',
      elements: elementCounter(budget),
      maxChildren: maxChildrenFor(budget.limits),
    };
    try {
      readWhole(pkcs8, ctx);
    } catch {
      throw macVerified
        ? malformed('PKCS#12: a decrypted private key is not well-formed: the file is corrupted.')
        : new SupCertError(
            'WRONG_PASSWORD',
            'PKCS#12: wrong password (a private key does not decrypt to a valid key and the file has no MAC to tell).',
          );
    }
    out.keys.push({ pkcs8, ...pending[i]!.attrs });
  });
}

function readSafeContents(
  bytes: Uint8Array,
  ctx: BerContext,
  budget: WorkBudget,
  out: Pkcs12Contents,
  pendingKeys: Array<Sealed & { attrs: BagAttributes }>,
  bags: { count: number },
  depth = 0,
): void {
  const limits = budget.limits;
  let root: Asn1Node;
  try {
    root = readWhole(bytes, ctx);
  } catch (error) {
    if (error instanceof SupCertError && error.code === 'LIMIT_EXCEEDED') throw error;
    throw malformed('PKCS#12: a SafeContents is not well-formed: the file is corrupted.');
  }
  for (const bag of sequence(root, 'SafeContents', ctx)) {
    checkLimit(limits, 'maxBags', ++bags.count, 'PKCS#12: number of safe bags');
    const [idNode, valueNode, attrNode] = sequence(bag, 'SafeBag', ctx);
    const bagId = oid(idNode, 'SafeBag type', ctx);
    if (!valueNode) throw malformed('PKCS#12: a SafeBag has no value.');
    const value = explicit(valueNode, 'SafeBag value', ctx);
    const attrs = attrNode ? readAttributes(attrNode, ctx) : {};
    switch (bagId) {
      case Oid.certBag: {
        const [certType, certValue] = sequence(value, 'CertBag', ctx);
        const certId = oid(certType, 'CertBag type', ctx);
        if (certId !== Oid.x509Certificate) {
          out.notes.push(`skipped a certificate bag of type ${certId} (not X.509)`);
          break;
        }
        if (!certValue) throw malformed('PKCS#12: a CertBag has no certificate.');
        checkLimit(
          limits,
          'maxCertificates',
          out.certificates.length + 1,
          'PKCS#12: number of certificates',
        );
        out.certificates.push({
          der: octets(explicit(certValue, 'CertBag value', ctx), ctx),
          ...attrs,
        });
        break;
      }
      case Oid.keyBag:
        budget.charge('maxKeys', 1, 'PKCS#12: number of private keys');
        out.keys.push({ pkcs8: encoded(value), ...attrs });
        break;
      case Oid.pkcs8ShroudedKeyBag: {
        const [algNode, dataNode] = sequence(value, 'EncryptedPrivateKeyInfo', ctx);
        const scheme = parseEncryptionScheme(algNode, ctx, limits);
        budget.charge('maxKeys', 1, 'PKCS#12: number of private keys');
        pendingKeys.push({
          scheme,
          data: octetString(dataNode, 'encrypted key', ctx),
          what: 'private key',
          attrs,
        });
        break;
      }
      case Oid.safeContentsBag:
        if (depth >= 8)
          throw malformed(
            'PKCS#12: SafeContents bags nested more than 8 deep (tools nest them at most once): the file is damaged or hostile. Export the PFX again.',
          );
        readSafeContents(encoded(value), ctx, budget, out, pendingKeys, bags, depth + 1);
        break;
      case Oid.crlBag:
        out.notes.push('skipped a CRL bag');
        break;
      case Oid.secretBag:
        out.notes.push('skipped a secret bag');
        break;
      default:
        out.notes.push(`skipped an unknown bag of type ${bagId}`);
    }
  }
}

function readAttributes(node: Asn1Node, ctx: BerContext): BagAttributes {
  const attrs: BagAttributes = {};
  for (const attr of sequence(node, 'bag attributes', ctx, Tag.Set)) {
    const [typeNode, valuesNode] = sequence(attr, 'bag attribute', ctx);
    const type = oid(typeNode, 'bag attribute type', ctx);
    const first = valuesNode
      ? item(sequence(valuesNode, 'bag attribute values', ctx, Tag.Set), 0)
      : undefined;
    if (!first) continue;
    if (type === Oid.friendlyName) attrs.friendlyName = decodeString(first, ctx, 'friendlyName');
    else if (type === Oid.msCspName)
      attrs.providerName = decodeString(first, ctx, 'Microsoft CSP name');
    else if (type === Oid.localKeyId && first.tag === Tag.OctetString)
      attrs.localKeyId = toHex(octets(first, ctx));
  }
  return attrs;
}

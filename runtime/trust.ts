/**
 * Which signatures a program accepts on a bundle (`restack run --trust <public key>`).
 *
 * The keys travel in the environment (TRUST_ENV: the public keys, SPKI DER in base64, separated by
 * commas), not in a module variable: every thread and every child process forked under restack
 * reads bundles, and each starts from the environment the program started with.
 */
import { createRequire } from 'node:module';
import type { KeyObject } from 'node:crypto';
import { CHECKED_SIG, keyId, SIGNATURE_FORMAT, signedMessage, type BundleSignature } from '../contract/bundle.js';
import { PatchError, type BundleReader } from '../contract/bundleFiles.js';
import { ArrayJoin, JSONParse, MapGet, mapKeys, MapSet, MapSize, ownMap, StringSlice, StringSplit } from './core/primordials.js';

export const TRUST_ENV = 'RESTACK_TRUST';

/** node:crypto, loaded when a bundle's signature is checked: not at every program's start. */
const crypto = (): typeof import('node:crypto') => createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');

let cached: { env: string | undefined; keys: Map<string, KeyObject> } | null = null;

/** The public keys this program trusts, by key id; empty: bundles need no signature. */
export function trustedKeys(): Map<string, KeyObject> {
  const env = process.env[TRUST_ENV];
  if (cached && cached.env === env) return cached.keys;
  const keys = new Map<string, KeyObject>();
  const given = StringSplit(env ?? '', ',');
  for (let i = 0; i < given.length; i++) {
    const b64 = given[i];
    if (!b64) continue;
    let key: KeyObject;
    try {
      key = crypto().createPublicKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'spki' });
    } catch (e) {
      throw new PatchError(`${TRUST_ENV} holds a key that cannot be read (${(e as Error).message}); start the program again with \`restack run --trust <public key file>\``);
    }
    MapSet(keys, keyId(key.export({ format: 'der', type: 'spki' })), key);
  }
  cached = { env, keys };
  return keys;
}

/** The value of TRUST_ENV for these public keys. */
export function trustEnv(keys: KeyObject[]): string {
  return keys.map((k) => k.export({ format: 'der', type: 'spki' }).toString('base64')).join(',');
}

/** Refuses the bundle unless a trusted key signed its manifest's digest (when any key is trusted). */
export function checkSignature(reader: BundleReader, digest: string): void {
  const keys = trustedKeys();
  if (MapSize(keys) === 0) return;
  const given = reader.given;
  const bytes = reader.read(CHECKED_SIG, true);
  if (!bytes) {
    throw new PatchError(`${given} is not signed, and this program accepts only bundles signed by a key it trusts; sign it with \`restack check ${given} --sign <private key>\``);
  }
  let sig: BundleSignature;
  try {
    sig = JSONParse(bytes.toString('utf8')) as BundleSignature;
  } catch (e) {
    throw new PatchError(`${reader.name(CHECKED_SIG)} is not a signature (${(e as Error).message}); sign the bundle again with \`restack check ${given} --sign <private key>\``);
  }
  if (sig?.format !== SIGNATURE_FORMAT || typeof sig.key !== 'string' || typeof sig.signature !== 'string') {
    throw new PatchError(`${reader.name(CHECKED_SIG)} is not a signature of format ${SIGNATURE_FORMAT}; sign the bundle again with \`restack check ${given} --sign <private key>\``);
  }
  const key = MapGet(keys, sig.key);
  if (!key) {
    throw new PatchError(`${given} is signed by key ${StringSlice(sig.key, 0, 16)}, which this program does not trust (it trusts ${ArrayJoin(ownMap(mapKeys(keys), (k) => StringSlice(k, 0, 16)), ', ')}); ` +
      'sign it with a trusted key, or start the program with `--trust` naming this key');
  }
  if (!crypto().verify(null, signedMessage(digest), key, Buffer.from(sig.signature, 'base64'))) {
    throw new PatchError(`${reader.name(CHECKED_SIG)} does not verify: the bundle changed after it was signed, or the signature is damaged; check and sign it again (\`restack check ${given} --sign <private key>\`)`);
  }
}

/**
 * What `restack check` writes to bind an update to what it checked: the manifest (checked.json:
 * every file the runtime will load, with size and sha256, and a digest over the list), and with
 * `--sign` a detached Ed25519 signature of the digest (checked.sig); and the keys for signing
 * (`restack keygen`). Formats: contract/bundle.ts.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CHECKED_JSON, CHECKED_SIG, keyId, MANIFEST_FORMAT, manifestDigest, sha256, SIGNATURE_FORMAT, signedMessage,
  type BundleSignature, type Manifest, type ManifestEntry,
} from '../contract/bundle.js';

/**
 * Writes a file of the bundle whole (a temporary file renamed over it) and not writable by group
 * or others whatever the umask: the runtime refuses such a file.
 */
export function writeBundleFile(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  rmSync(tmp, { force: true });
  writeFileSync(tmp, data, { mode: 0o644, flag: 'wx' });
  renameSync(tmp, path);
}

/** Writes checked.json for these files (and checked.sig when a key is given); returns the digest. */
export function writeManifest(dir: string, files: Array<{ path: string; bytes: Uint8Array }>, key?: KeyObject): string {
  const entries: ManifestEntry[] = files.map((f) => ({ path: f.path, size: f.bytes.byteLength, sha256: sha256(f.bytes) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const digest = manifestDigest(entries);
  const manifest: Manifest = { format: MANIFEST_FORMAT, files: entries, digest };
  if (key) {
    const signature: BundleSignature = {
      format: SIGNATURE_FORMAT,
      key: keyId(createPublicKey(key).export({ format: 'der', type: 'spki' })),
      signature: sign(null, signedMessage(digest), key).toString('base64'),
    };
    writeBundleFile(join(dir, CHECKED_SIG), JSON.stringify(signature, null, 2) + '\n');
  }
  // The manifest last: a bundle is checked once it has one.
  writeBundleFile(join(dir, CHECKED_JSON), JSON.stringify(manifest, null, 2) + '\n');
  return digest;
}

function keyFile(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new Error(`${path}: cannot read the ${what}: ${(e as Error).message}`);
  }
}

/** An Ed25519 private key from a PEM file (`restack keygen` writes one); throws a sentence. */
export function readPrivateKey(path: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(keyFile(path, 'private key'));
  } catch (e) {
    if (/cannot read/.test((e as Error).message)) throw e;
    throw new Error(`${path} is not a private key in PEM format (${(e as Error).message}); write a key pair with \`restack keygen -o <prefix>\``);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${path} is an ${key.asymmetricKeyType} key; restack signs with Ed25519 keys (\`restack keygen -o <prefix>\` writes one)`);
  return key;
}

/** An Ed25519 public key from a PEM file; throws a sentence. */
export function readPublicKey(path: string): KeyObject {
  const pem = keyFile(path, 'public key');
  // createPublicKey would derive the public key from a private one: a private key given here is
  // a mistake that puts it where it does not belong.
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem.toString('latin1'))) throw new Error(`${path} holds a private key; give --trust the public one (<prefix>.pub)`);
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (e) {
    if (/cannot read/.test((e as Error).message)) throw e;
    throw new Error(`${path} is not a public key in PEM format (${(e as Error).message}); \`restack keygen -o <prefix>\` writes <prefix>.pub`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${path} is an ${key.asymmetricKeyType} key; restack verifies Ed25519 signatures only`);
  return key;
}

/** Writes <prefix>.key (private, mode 0600) and <prefix>.pub; refuses to overwrite either. */
export function keygen(prefix: string): { privateFile: string; publicFile: string; id: string } {
  const privateFile = `${prefix}.key`;
  const publicFile = `${prefix}.pub`;
  for (const f of [privateFile, publicFile]) if (existsSync(f)) throw new Error(`${f} exists; choose another prefix or remove it`);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(privateFile, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  writeFileSync(publicFile, publicKey.export({ format: 'pem', type: 'spki' }), { mode: 0o644, flag: 'wx' });
  return { privateFile, publicFile, id: keyId(publicKey.export({ format: 'der', type: 'spki' })) };
}

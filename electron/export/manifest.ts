import { fingerprint, sha256Hex, verifyEd25519 } from '../keys/crypto';
import { BundleRefused, type BundleManifest, type BundleSigner } from './types';

// manifest.json and manifest.sig exactly as bundle.md fixes them.

export const BUNDLE_FORMAT = 'mishen-bundle/1' as const;

export function manifestBytes(manifest: BundleManifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

/** Signs the exact manifest bytes; a signer whose key does not match its signature is refused. */
export function signatureBytes(manifest: Buffer, signer: BundleSigner): Buffer {
  const signature = signer.sign(manifest);
  if (signature.length !== 64 || !verifyEd25519(signer.publicKey, manifest, signature))
    throw new BundleRefused('单位签名密钥无法生成有效签名，导出已取消');
  const sig = { alg: 'Ed25519', publicKey: signer.publicKey.toString('base64'), signature: signature.toString('base64') };
  return Buffer.from(`${JSON.stringify(sig)}\n`, 'utf8');
}

export const keyFingerprint = (raw: Uint8Array) => fingerprint(Buffer.from(raw));
export const manifestHash = (bytes: Buffer) => sha256Hex(bytes);

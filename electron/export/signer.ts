import { importPrivateKey, publicKeyFromPrivate, signEd25519 } from '../keys/crypto';
import type { BundleSigner } from './types';

/** The organization key (PKCS#8 DER, as the store keeps it) as a bundle signer; parsed once. */
export function bundleSigner(privateKeyDer: Buffer): BundleSigner {
  const key = importPrivateKey(privateKeyDer);
  return { publicKey: publicKeyFromPrivate(privateKeyDer), sign: (bytes) => signEd25519(key, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) };
}

import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  scrypt as scryptCb,
  sign as edSign,
  timingSafeEqual,
  verify as edVerify,
  type KeyObject,
} from 'node:crypto';

// Thin wrappers over Node's own crypto (OpenSSL in Node, BoringSSL in Electron): no
// primitive is implemented here, only fixed parameters and encodings.

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** architecture.md: scrypt N=2^17, r=8, p=1 for every password-derived key. */
export const PASSWORD_KDF: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

export function scrypt(secret: string | Buffer, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const input = typeof secret === 'string' ? Buffer.from(secret.normalize('NFC'), 'utf8') : secret;
  return new Promise((resolve, reject) => {
    scryptCb(
      input,
      salt,
      32,
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export interface Sealed {
  iv: string;
  ct: string;
  tag: string;
}

/** AES-256-GCM; `context` is bound as associated data so a sealed value cannot be moved. */
export function seal(key: Buffer, plaintext: Buffer, context: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** Returns null when the key is wrong or the data was altered (GCM tag mismatch). */
export function open(key: Buffer, sealed: Sealed, context: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

export const randomKey = (): Buffer => randomBytes(32);

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

// --- Ed25519 -------------------------------------------------------------------

export interface SigningKey {
  /** Raw 32-byte public key. */
  publicKey: Buffer;
  /** PKCS#8 DER of the private key. */
  privateKey: Buffer;
}

export function generateSigningKey(): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey: rawPublicKey(publicKey), privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }) };
}

export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(jwk.x!, 'base64url');
}

export function publicKeyFromPrivate(privateKeyDer: Buffer): Buffer {
  return rawPublicKey(createPublicKey(createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' })));
}

export function importPublicKey(raw: Buffer): KeyObject {
  if (raw.length !== 32) throw new Error('Ed25519 public key must be 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

export function importPrivateKey(privateKeyDer: Buffer): KeyObject {
  return createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' });
}

export function signEd25519(privateKey: Buffer | KeyObject, data: Buffer): Buffer {
  return edSign(null, data, Buffer.isBuffer(privateKey) ? importPrivateKey(privateKey) : privateKey);
}

export function verifyEd25519(publicKey: Buffer | KeyObject, data: Buffer, signature: Buffer): boolean {
  try {
    const key = Buffer.isBuffer(publicKey) ? importPublicKey(publicKey) : publicKey;
    return signature.length === 64 && edVerify(null, data, key, signature);
  } catch {
    return false;
  }
}

/** bundle.md: `sha256:` + lowercase hex SHA-256 of the raw 32-byte public key. */
export function fingerprint(rawPublicKey: Buffer): string {
  return `sha256:${sha256Hex(rawPublicKey)}`;
}

/** HMAC-SHA256 under a key derived (HKDF) from the data key for one purpose. */
export function macWith(dataKey: Buffer, purpose: string, data: string): string {
  const key = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), Buffer.from(purpose, 'utf8'), 32));
  return createHmac('sha256', key).update(data, 'utf8').digest('hex');
}

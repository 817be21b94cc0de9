import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import * as z from 'zod';

/**
 * The electronic signature (TTE) on issued documents: ECDSA P-256 with SHA-256 over the document's
 * canonical content. In AWS the private key never leaves KMS (an asymmetric ECC_NIST_P256 key,
 * `kms:<key arn>`); the local stack uses PEM key files (`file:<path>`). Either way the signature is
 * DER-encoded and verifies with the public key alone, which is how the public verification route
 * checks it.
 *
 * Keys rotate by adding a key, never by changing one: DOCUMENT_SIGNING_KEY names the key that signs
 * now, and each document records its id (`signingKeyId`); DOCUMENT_VERIFICATION_KEYS lists every key
 * whose documents are still valid (the current one and the retired ones). A document is checked with
 * the key it names, and only if that key is listed: a document naming any other key is invalid.
 */
export interface DocumentSigner {
  /** Identifies the key in the document record (a KMS key ARN, or "local:<fingerprint>"). */
  readonly keyId: string;
  /** base64 DER signature over sha256(message). */
  sign(message: Uint8Array): Promise<string>;
}

export interface DocumentVerifier {
  /** The ids of the accepted keys. */
  readonly keyIds: readonly string[];
  /**
   * Whether `signature` is a valid signature of `message` by the accepted key `keyId`; false for a
   * key not accepted. A key that cannot be fetched (KMS unavailable) throws: that says nothing about
   * the document, so it must not answer "invalid".
   */
  verify(message: Uint8Array, signature: string, keyId: string): Promise<boolean>;
}

/** One public key, fetched when first needed. */
export interface PublicKeySource {
  readonly keyId: string;
  publicKey(): Promise<KeyObject>;
}

const KeySettingSchema = z.string().regex(/^(kms|file):.+/, 'kms:<key arn> or file:<path to a PEM key>');
const SignerConfigSchema = z.object({ DOCUMENT_SIGNING_KEY: KeySettingSchema });
const VerifierConfigSchema = z.object({
  DOCUMENT_VERIFICATION_KEYS: z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(KeySettingSchema).min(1)),
});

const parseSetting = (setting: string): { kind: 'kms' | 'file'; target: string } => {
  const [kind, ...rest] = setting.split(':');
  return { kind: kind === 'kms' ? 'kms' : 'file', target: rest.join(':') };
};

// One per container and setting (a local stack restarted in the same process may change the setting).
let signer: { setting: string; signer: DocumentSigner } | undefined;
let verifier: { setting: string; verifier: DocumentVerifier } | undefined;
let kmsClient: KMSClient | undefined;
const kms = () => (kmsClient ??= new KMSClient({}));

/** The deployment's signer, from DOCUMENT_SIGNING_KEY. */
export function documentSigner(): DocumentSigner {
  const { DOCUMENT_SIGNING_KEY: setting } = SignerConfigSchema.parse(process.env);
  if (signer?.setting === setting) return signer.signer;
  const { kind, target } = parseSetting(setting);
  signer = { setting, signer: kind === 'kms' ? kmsSigner(target, kms()) : fileSigner(target) };
  return signer.signer;
}

/** The deployment's verifier, from DOCUMENT_VERIFICATION_KEYS (comma-separated `kms:`/`file:` keys). */
export function documentVerifier(): DocumentVerifier {
  const raw = process.env.DOCUMENT_VERIFICATION_KEYS ?? '';
  if (verifier?.setting === raw) return verifier.verifier;
  const { DOCUMENT_VERIFICATION_KEYS: settings } = VerifierConfigSchema.parse(process.env);
  const sources = settings.map((setting) => {
    const { kind, target } = parseSetting(setting);
    return kind === 'kms' ? kmsPublicKey(target, kms()) : filePublicKey(target);
  });
  verifier = { setting: raw, verifier: verifierOf(sources) };
  return verifier.verifier;
}

const verifyWith = (publicKey: KeyObject, message: Uint8Array, signature: string): boolean => {
  try {
    return verify('sha256', message, publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false; // a malformed signature is an invalid one
  }
};

/** A local key's id: a fingerprint of its public key, so the same key always has the same id. */
const localKeyId = (publicKey: KeyObject): string =>
  `local:${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16)}`;

export function fileSigner(path: string): DocumentSigner {
  const privateKey = createPrivateKey(readFileSync(path, 'utf8'));
  return {
    keyId: localKeyId(createPublicKey(privateKey)),
    sign: async (message) => sign('sha256', message, privateKey).toString('base64'),
  };
}

/** A local key file (private or public PEM) as a verification key. */
export function filePublicKey(path: string): PublicKeySource {
  const publicKey = createPublicKey(readFileSync(path, 'utf8'));
  return { keyId: localKeyId(publicKey), publicKey: async () => publicKey };
}

export function kmsSigner(keyArn: string, client: Pick<KMSClient, 'send'>): DocumentSigner {
  return {
    keyId: keyArn,
    async sign(message) {
      const digest = createHash('sha256').update(message).digest();
      const { Signature } = await client.send(
        new SignCommand({ KeyId: keyArn, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }),
      );
      if (!Signature) throw new Error('KMS returned no signature');
      return Buffer.from(Signature).toString('base64');
    },
  };
}

/**
 * A KMS key's public key, asked for once per container: only a success is kept. A failed fetch
 * (throttling, a network error) fails this check and the next check asks again.
 */
export function kmsPublicKey(keyArn: string, client: Pick<KMSClient, 'send'>): PublicKeySource {
  let fetched: Promise<KeyObject> | undefined;
  return {
    keyId: keyArn,
    publicKey() {
      fetched ??= client
        .send(new GetPublicKeyCommand({ KeyId: keyArn }))
        .then(({ PublicKey }) => {
          if (!PublicKey) throw new Error('KMS returned no public key');
          return createPublicKey({ key: Buffer.from(PublicKey), format: 'der', type: 'spki' });
        })
        .catch((error: unknown) => {
          fetched = undefined;
          throw error;
        });
      return fetched;
    },
  };
}

export function verifierOf(sources: readonly PublicKeySource[]): DocumentVerifier {
  const byId = new Map(sources.map((source) => [source.keyId, source]));
  return {
    keyIds: [...byId.keys()],
    async verify(message, signature, keyId) {
      const source = byId.get(keyId);
      if (!source) return false;
      return verifyWith(await source.publicKey(), message, signature);
    },
  };
}

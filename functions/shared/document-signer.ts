import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import * as z from 'zod';

/**
 * The electronic signature (TTE) on issued documents: ECDSA P-256 with SHA-256 over the document's
 * canonical content. In AWS the private key never leaves KMS (an asymmetric ECC_NIST_P256 key,
 * `kms:<key arn>`); the local stack uses a PEM key file (`file:<path>`). Either way the signature is
 * DER-encoded and verifies with the public key alone, which is how the public verification route
 * checks it (KMS is asked for the public key once per container, not per check).
 */
export interface DocumentSigner {
  /** Identifies the key in the document record (a KMS key ARN, or "local:<fingerprint>"). */
  readonly keyId: string;
  /** base64 DER signature over sha256(message). */
  sign(message: Uint8Array): Promise<string>;
  verify(message: Uint8Array, signature: string): Promise<boolean>;
}

const SignerConfigSchema = z.object({
  DOCUMENT_SIGNING_KEY: z.string().regex(/^(kms|file):.+/, 'kms:<key arn> or file:<path to a PEM private key>'),
});

let signer: DocumentSigner | undefined;

/** The deployment's signer, configured once per container from DOCUMENT_SIGNING_KEY. */
export function documentSigner(): DocumentSigner {
  if (signer) return signer;
  const { DOCUMENT_SIGNING_KEY: setting } = SignerConfigSchema.parse(process.env);
  const [kind, ...rest] = setting.split(':');
  const target = rest.join(':');
  signer = kind === 'kms' ? kmsSigner(target) : fileSigner(target);
  return signer;
}

const verifyWith = (publicKey: KeyObject, message: Uint8Array, signature: string): boolean => {
  try {
    return verify('sha256', message, publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false; // a malformed signature is an invalid one
  }
};

export function fileSigner(path: string): DocumentSigner {
  const privateKey = createPrivateKey(readFileSync(path, 'utf8'));
  const publicKey = createPublicKey(privateKey);
  const fingerprint = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
  return {
    keyId: `local:${fingerprint}`,
    sign: async (message) => sign('sha256', message, privateKey).toString('base64'),
    verify: async (message, signature) => verifyWith(publicKey, message, signature),
  };
}

export function kmsSigner(keyArn: string, kms = new KMSClient({})): DocumentSigner {
  let publicKey: Promise<KeyObject> | undefined;
  const loadPublicKey = () =>
    (publicKey ??= kms.send(new GetPublicKeyCommand({ KeyId: keyArn })).then(({ PublicKey }) => {
      if (!PublicKey) throw new Error('KMS returned no public key');
      return createPublicKey({ key: Buffer.from(PublicKey), format: 'der', type: 'spki' });
    }));
  return {
    keyId: keyArn,
    async sign(message) {
      const digest = createHash('sha256').update(message).digest();
      const { Signature } = await kms.send(
        new SignCommand({ KeyId: keyArn, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }),
      );
      if (!Signature) throw new Error('KMS returned no signature');
      return Buffer.from(Signature).toString('base64');
    },
    verify: async (message, signature) => verifyWith(await loadPublicKey(), message, signature),
  };
}

import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetPublicKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSigner, filePublicKey, kmsPublicKey, verifierOf } from '../../functions/shared/document-signer.js';

/** A fake KMS client (this is a unit test of one module): GetPublicKey answers from a script of outcomes. */
function fakeKms(outcomes: ('fail' | 'ok')[], publicKeyDer: Buffer) {
  const calls: string[] = [];
  const client = {
    send: async (command: unknown) => {
      if (!(command instanceof GetPublicKeyCommand)) throw new Error('unexpected command');
      calls.push(command.input.KeyId as string);
      const outcome = outcomes.shift() ?? 'ok';
      if (outcome === 'fail') throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      return { PublicKey: new Uint8Array(publicKeyDer) };
    },
  } as unknown as Pick<KMSClient, 'send'>;
  return { client, calls };
}

const keyPair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const message = new TextEncoder().encode('{"type":"BIRTH_CERTIFICATE","number":"3510-LT-22112026-0001"}');
const signWith = (privateKey: ReturnType<typeof keyPair>['privateKey']) => sign('sha256', message, privateKey).toString('base64');

const dir = mkdtempSync(join(tmpdir(), 'lahir-signer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('KMS public keys', () => {
  const ARN = 'arn:aws:kms:ap-southeast-3:111122223333:key/11111111-2222-3333-4444-555555555555';

  it('are fetched again after a failed fetch (only a success is cached)', async () => {
    const { privateKey, publicKey } = keyPair();
    const kms = fakeKms(['fail', 'ok'], publicKey.export({ type: 'spki', format: 'der' }));
    const verifier = verifierOf([kmsPublicKey(ARN, kms.client)]);
    await expect(verifier.verify(message, signWith(privateKey), ARN)).rejects.toThrow('Rate exceeded');
    await expect(verifier.verify(message, signWith(privateKey), ARN)).resolves.toBe(true);
    await expect(verifier.verify(message, signWith(privateKey), ARN)).resolves.toBe(true);
    expect(kms.calls).toEqual([ARN, ARN]); // the success is kept: no third fetch
  });

  it('are fetched once for concurrent checks', async () => {
    const { privateKey, publicKey } = keyPair();
    const kms = fakeKms([], publicKey.export({ type: 'spki', format: 'der' }));
    const verifier = verifierOf([kmsPublicKey(ARN, kms.client)]);
    const results = await Promise.all([1, 2, 3].map(() => verifier.verify(message, signWith(privateKey), ARN)));
    expect(results).toEqual([true, true, true]);
    expect(kms.calls).toHaveLength(1);
  });
});

describe('verification with several keys', () => {
  const write = (name: string, pem: string) => {
    const file = join(dir, name);
    writeFileSync(file, pem);
    return file;
  };
  const oldPair = keyPair();
  const newPair = keyPair();
  const oldFile = write('old.pem', oldPair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  const newFile = write('new.pem', newPair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  const oldSigner = fileSigner(oldFile);
  const newSigner = fileSigner(newFile);
  const verifier = verifierOf([filePublicKey(oldFile), filePublicKey(newFile)]);

  it('checks each document with the key it names', async () => {
    expect(oldSigner.keyId).not.toBe(newSigner.keyId);
    expect(verifier.keyIds).toEqual([oldSigner.keyId, newSigner.keyId]);
    await expect(verifier.verify(message, await oldSigner.sign(message), oldSigner.keyId)).resolves.toBe(true);
    await expect(verifier.verify(message, await newSigner.sign(message), newSigner.keyId)).resolves.toBe(true);
  });

  it('refuses a signature by another key than the one named, and a key it does not accept', async () => {
    await expect(verifier.verify(message, await oldSigner.sign(message), newSigner.keyId)).resolves.toBe(false);
    const stranger = keyPair();
    const strangerFile = write('stranger.pem', stranger.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    const strangerSigner = fileSigner(strangerFile);
    await expect(verifier.verify(message, await strangerSigner.sign(message), strangerSigner.keyId)).resolves.toBe(false);
    await expect(verifier.verify(message, 'not a signature', oldSigner.keyId)).resolves.toBe(false);
  });

  it('accepts a public key file as well as a private one (the same id)', () => {
    const publicFile = write('old.pub.pem', oldPair.publicKey.export({ type: 'spki', format: 'pem' }) as string);
    expect(filePublicKey(publicFile).keyId).toBe(oldSigner.keyId);
    expect(oldSigner.keyId).toBe(`local:${createHash('sha256').update(oldPair.publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16)}`);
  });
});

import { createNoteVerifier, formatVerifierKey, generateSignerKey, parseSignerKey } from "@/core/note";
import type { LogIdentity } from "@/server/ledger/log-identity";

/** The LogIdentity for a signer key string (the same shape loadLogIdentity returns). */
export function identityFromSignerKey(signerKey: string): LogIdentity {
  const signer = parseSignerKey(signerKey);
  return {
    origin: signer.name,
    signer,
    verifier: createNoteVerifier(signer.name, signer.type, signer.publicKey),
    verifierKey: formatVerifierKey(signer.name, signer.type, signer.publicKey),
  };
}

/** A fresh log signing identity for tests. */
export function testLogIdentity(origin = "plaza.test/ledger"): LogIdentity {
  return identityFromSignerKey(generateSignerKey(origin).signerKey);
}

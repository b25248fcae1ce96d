import { createNoteVerifier, formatVerifierKey, generateSignerKey, parseSignerKey } from "@/core/note";
import type { LogIdentity } from "@/server/ledger/log-identity";

/** A fresh log signing identity for tests (the same shape loadLogIdentity returns). */
export function testLogIdentity(origin = "plaza.test/ledger"): LogIdentity {
  const signer = parseSignerKey(generateSignerKey(origin).signerKey);
  return {
    origin,
    signer,
    verifier: createNoteVerifier(signer.name, signer.type, signer.publicKey),
    verifierKey: formatVerifierKey(signer.name, signer.type, signer.publicKey),
  };
}

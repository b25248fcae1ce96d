export { COSIGNATURE_V1_HEADER, MAX_COSIGNATURE_TIMESTAMP } from "./constants";
export { cosignatureMessage } from "./cosignature-message";
export { createCosignatureVerifier } from "./create-cosignature-verifier";
export type { Cosignature } from "./parse-cosignature";
export { parseCosignature } from "./parse-cosignature";
export type { SignCosignatureParams } from "./sign-cosignature";
export { signCosignature } from "./sign-cosignature";

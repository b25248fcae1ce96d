// The census: a district's members as a LeanIMT of Semaphore identity commitments, identical to
// @semaphore-protocol/group's tree, over any node store (the server's table touches O(depth)
// rows per change; browsers rebuild the whole tree in memory). Pure TypeScript, no imports
// beyond core/, so the browser, the server and observers share it.
export { buildMemberProof } from "./build-member-proof";
export {
  generateInvitationCode,
  INVITATION_CODE_ALPHABET,
  INVITATION_CODE_ENTROPY_BYTES,
  INVITATION_CODE_SYMBOLS,
} from "./generate-invitation-code";
export { type InsertLeafOptions, insertLeaf } from "./insert-leaf";
export { leanIMTDepth } from "./lean-imt-depth";
export { MemoryLeanIMT } from "./memory-lean-imt";
export { normalizeInvitationCode } from "./normalize-invitation-code";
export { poseidon2 } from "./poseidon2";
export { siblingsForInsert } from "./siblings-for-insert";
export { siblingsForUpdate } from "./siblings-for-update";
export type {
  CensusHash,
  CensusMerkleProof,
  CensusNode,
  CensusNodeId,
  CensusNodeLookup,
  CensusTreeChange,
} from "./types";
export { type UpdateLeafOptions, updateLeaf } from "./update-leaf";
export { validateCommitment } from "./validate-commitment";
export { verifyMemberProof } from "./verify-member-proof";

export { canonicalJson } from "./canonical-json";
export { decodeEntry } from "./decode-entry";
export { encodeEntry, MAX_ENTRY_BYTES } from "./encode-entry";
export { BN254_BASE_FIELD, SNARK_SCALAR_FIELD, ZBaseFieldString, ZFieldString } from "./entry-fields";
export {
  LEDGER_ENTRY_TYPES,
  type TLedgerEntry,
  type TLedgerEntryType,
  ZBallotMethod,
  ZLedgerEntry,
} from "./entry-schemas";

import { concatBytes } from "../internal/bytes";
import { encodeUtf8 } from "../internal/utf8";
import { COSIGNATURE_V1_HEADER } from "./constants";

/**
 * The message an Ed25519 cosignature/v1 signs (c2sp.org/tlog-cosignature, "Ed25519 signed
 * message"): the header line "cosignature/v1", the line "time <timestamp>" in decimal without
 * leading zeroes, then the whole cosigned note text (the checkpoint body, final newline included,
 * signature lines excluded):
 *
 *     cosignature/v1
 *     time 1679315147
 *     example.com/behind-the-sofa
 *     20852163
 *     CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
 *
 * The header keeps a cosignature from being valid as any other kind of signature by the same key,
 * and the signed time lets clients check freshness. `text` is used byte for byte.
 */
export function cosignatureMessage(text: Uint8Array, timestamp: bigint): Uint8Array {
  return concatBytes(encodeUtf8(`${COSIGNATURE_V1_HEADER}\ntime ${timestamp.toString(10)}\n`), text);
}

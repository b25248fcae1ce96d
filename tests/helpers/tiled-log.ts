import { formatCheckpoint } from "@/core/checkpoint";
import { signCosignature } from "@/core/cosignature";
import { createMemoryHashReader, hashLeaf, merkleTreeHash } from "@/core/merkle";
import { formatSignatureLine, type NoteSigner, signNote } from "@/core/note";
import {
  buildTileData,
  encodeEntryBundle,
  formatEntryBundlePath,
  formatTilePath,
  tilesForTreeSize,
} from "@/core/tiles";
import type { LedgerSource } from "@/core/verify";

/** A static tiled log in memory: tlog-tiles paths ("checkpoint", "tile/…") to their bytes. */
export type TiledLog = Map<string, Uint8Array>;

export interface BuildTiledLogOptions {
  readonly signer: NoteSigner;
  /** Cosigner keys (type 0x04) whose cosignatures are appended to the checkpoint. */
  readonly witnesses?: readonly NoteSigner[];
  /** Sign a checkpoint for only the first `size` entries (tiles are still built for all). */
  readonly size?: number;
}

/**
 * What a Plaza server (or any c2sp.org/tlog-tiles log) would serve for `entries`: every entry
 * bundle and hash tile of the tree, and a checkpoint signed by `signer` with witness cosignatures.
 */
export async function buildTiledLog(
  entries: readonly Uint8Array[],
  options: BuildTiledLogOptions,
): Promise<TiledLog> {
  const log: TiledLog = new Map();
  const leafHashes = entries.map(hashLeaf);
  const readHashes = createMemoryHashReader(leafHashes);
  for (const tile of tilesForTreeSize(BigInt(entries.length))) {
    log.set(formatTilePath(tile), await buildTileData({ tile, readHashes }));
    if (tile.level === 0) {
      const first = Number(tile.index) * 256;
      log.set(formatEntryBundlePath(tile), encodeEntryBundle(entries.slice(first, first + tile.width)));
    }
  }
  log.set(
    "checkpoint",
    new TextEncoder().encode(signCheckpoint(entries.slice(0, options.size ?? entries.length), options)),
  );
  return log;
}

/** A checkpoint note for the tree of `entries`, signed and cosigned. */
export function signCheckpoint(entries: readonly Uint8Array[], options: BuildTiledLogOptions): string {
  const text = formatCheckpoint({
    origin: options.signer.name,
    size: BigInt(entries.length),
    rootHash: merkleTreeHash(entries.map(hashLeaf)),
  });
  let note = signNote(text, [options.signer]);
  for (const witness of options.witnesses ?? []) {
    note += formatSignatureLine(signCosignature({ signer: witness, text, timestamp: 1_790_000_000n }));
  }
  return note;
}

/** A LedgerSource over a TiledLog, as an HTTP mirror would serve it. */
export function tiledLogSource(log: TiledLog): LedgerSource {
  return {
    checkpoint: async () => {
      const bytes = log.get("checkpoint");
      if (!bytes) throw new Error("no checkpoint");
      return new TextDecoder().decode(bytes);
    },
    tile: async (path) => {
      const bytes = log.get(path);
      if (!bytes) throw new Error(`${path}: not found`);
      return bytes;
    },
  };
}

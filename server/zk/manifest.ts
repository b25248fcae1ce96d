import { readFile } from "node:fs/promises";
import { z } from "zod";
import { ArtifactIntegrityError } from "./artifact-integrity-error";

/** Semaphore v4 ships ceremony outputs for trees of depth 1 to 32 (`@semaphore-protocol/utils` MIN/MAX_DEPTH). */
export const MIN_DEPTH = 1;
export const MAX_DEPTH = 32;

const ZSha256 = z.string().regex(/^[0-9a-f]{64}$/, "must be a lowercase hex sha256");

// Exact versions only: a range would let a reinstall swap the circuit or the keys silently.
const ZExactVersion = z.string().regex(/^\d+\.\d+\.\d+$/, "must be an exact version");

const ZPackagePin = z.object({ name: z.string().min(1), version: ZExactVersion });

// Path segments that cannot be "." or ".." (no leading dot): an entry can never point outside the
// package it names.
const SEGMENT = "[A-Za-z0-9_-][A-Za-z0-9_.-]*";

const ZArtifactFile = z.object({
  file: z.string().regex(new RegExp(`^${SEGMENT}$`), "must be a bare file name"),
  bytes: z.number().int().nonnegative(),
  sha256: ZSha256,
});

export const ZArtifactManifest = z.object({
  manifestVersion: z.literal(1),
  /** The prover/verifier library; proofs and verification keys are in its formats. */
  snarkjs: ZPackagePin,
  /** The circuit source the artifacts were compiled from (`npm run circuits:check` recompiles it). */
  circuit: ZPackagePin.extend({
    template: z.literal("Semaphore"),
    publicInputs: z.tuple([z.literal("message"), z.literal("scope")]),
    source: z.object({
      path: z
        .string()
        .regex(new RegExp(`^${SEGMENT}(/${SEGMENT})*$`), "must be a relative path inside the package"),
      sha256: ZSha256,
    }),
    dependencies: z.array(ZPackagePin),
  }),
  /** The WASM build of circom used by the check; pinned so the recompilation is reproducible. */
  compiler: ZPackagePin,
  artifacts: ZPackagePin.extend({
    depths: z
      .array(
        z.object({
          depth: z.number().int().min(MIN_DEPTH).max(MAX_DEPTH),
          wasm: ZArtifactFile,
          zkey: ZArtifactFile,
          json: ZArtifactFile,
        }),
      )
      .min(1)
      .refine(
        (depths) => new Set(depths.map((d) => d.depth)).size === depths.length,
        "depths must be unique",
      ),
  }),
});

export type TArtifactManifest = z.infer<typeof ZArtifactManifest>;
export type TArtifactKind = "wasm" | "zkey" | "json";

/** Where the committed manifest lives, for messages (the default manifest is bundled, not read at run time). */
export const MANIFEST_NAME = "circuits/manifest.json";

/**
 * The artifact manifest, validated. Without a path it is the committed `circuits/manifest.json`,
 * imported so it is part of the server build rather than a file that could be swapped beside it.
 * A manifest that is unreadable or malformed throws `ArtifactIntegrityError`: the server must not
 * start without knowing which artifacts it may serve.
 */
export async function loadManifest(manifestPath?: string): Promise<TArtifactManifest> {
  const name = manifestPath ?? MANIFEST_NAME;
  let raw: unknown;
  if (manifestPath === undefined) {
    // A literal path, so bundlers include the file; loaded lazily so that a missing or broken
    // manifest fails here with a clear error, and circuits/write-manifest.ts can always recreate it.
    try {
      raw = (await import("../../circuits/manifest.json", { with: { type: "json" } })).default;
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      throw new ArtifactIntegrityError(name, `cannot load the ZK artifact manifest ${name}: ${reason}`);
    }
  } else {
    try {
      raw = JSON.parse(await readFile(manifestPath, "utf8"));
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      throw new ArtifactIntegrityError(name, `cannot read the ZK artifact manifest ${name}: ${reason}`);
    }
  }
  const parsed = ZArtifactManifest.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join(".") || "(root)";
    throw new ArtifactIntegrityError(
      name,
      `invalid ZK artifact manifest ${name}: ${where}: ${issue?.message ?? "invalid"}`,
    );
  }
  return parsed.data;
}

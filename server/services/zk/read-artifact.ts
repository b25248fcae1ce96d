import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { AppError } from "../../errors/app-error";
import { artifactPath } from "../../zk/artifact-path";
import { loadManifest, type TArtifactKind } from "../../zk/manifest";

const FILE = /^semaphore-([1-9]|[12][0-9]|3[0-2])\.(wasm|zkey|json)$/;
const CONTENT_TYPE: Record<TArtifactKind, string> = {
  wasm: "application/wasm",
  zkey: "application/octet-stream",
  json: "application/json",
};

/**
 * The public URL of an official Semaphore artifact. It carries the artifact's sha256 from the
 * committed manifest: the address changes whenever the content would, so browsers may cache it
 * forever, and a browser can check what it downloaded against the hash in the address.
 */
export async function artifactUrl(depth: number, kind: TArtifactKind): Promise<string> {
  const manifest = await loadManifest();
  const entry = manifest.artifacts.depths.find((d) => d.depth === depth);
  if (!entry) throw new AppError("NOT_FOUND", `No Semaphore artifacts for depth ${depth}.`);
  return `/zk/artifacts/${entry[kind].sha256}/${entry[kind].file}`;
}

/**
 * Opens an artifact for GET /zk/artifacts/<sha256>/<file>. Only files listed in the manifest are
 * served, and only under their manifest hash; the files themselves were hashed against the same
 * manifest when the server started (verifyArtifacts), so the bytes match the address.
 */
export async function readArtifact(hash: string, file: string) {
  const match = FILE.exec(file);
  if (!match) throw new AppError("NOT_FOUND", "There is no such artifact.");
  const depth = Number(match[1]);
  const kind = match[2] as TArtifactKind;
  const manifest = await loadManifest();
  const entry = manifest.artifacts.depths.find((d) => d.depth === depth)?.[kind];
  if (!entry || entry.sha256 !== hash) throw new AppError("NOT_FOUND", "There is no such artifact.");
  return {
    body: Readable.toWeb(createReadStream(artifactPath(depth, kind))) as ReadableStream<Uint8Array>,
    bytes: entry.bytes,
    sha256: entry.sha256,
    contentType: CONTENT_TYPE[kind],
  };
}

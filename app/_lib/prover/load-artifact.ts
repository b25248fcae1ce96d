/**
 * The Semaphore circuit artifacts (wasm witness generator, Groth16 proving key) of a poll's depth.
 * Plaza serves them at content-addressed URLs, /zk/artifacts/<sha256>/<file>, with immutable
 * caching. The poll page downloads them into the Cache API as soon as it opens, so by the time a
 * resident has chosen, the prover finds them locally; the prover then checks the bytes against the
 * sha256 in the address before using them, so a corrupted or substituted file is never proved with.
 */
export interface ArtifactRef {
  url: string;
  sha256: string;
}

export const ARTIFACT_CACHE = "plaza-zk-artifacts-v1";

export class ArtifactError extends Error {
  override name = "ArtifactError";
  constructor(
    readonly code: "ARTIFACT_UNAVAILABLE" | "ARTIFACT_MISMATCH",
    message: string,
  ) {
    super(message);
  }
}

/** The reference of an artifact URL as artifactUrl() builds it: /zk/artifacts/<sha256>/<file>. */
export function artifactRef(url: string): ArtifactRef {
  const match = /^\/zk\/artifacts\/([0-9a-f]{64})\/[A-Za-z0-9.-]+$/.exec(url);
  if (!match) throw new TypeError(`not a Plaza artifact URL: ${url}`);
  return { url, sha256: match[1] as string };
}

async function openCache(): Promise<Cache | null> {
  try {
    return typeof caches === "undefined" ? null : await caches.open(ARTIFACT_CACHE);
  } catch {
    // No Cache API (an insecure origin, or storage disabled): the HTTP cache still helps.
    return null;
  }
}

function request(url: string): Request {
  return new Request(url, { credentials: "omit", referrerPolicy: "no-referrer" });
}

/** Starts downloading artifacts into the cache unless they are there already. Never throws. */
export async function prefetchArtifacts(refs: readonly ArtifactRef[]): Promise<void> {
  const cache = await openCache();
  await Promise.all(
    refs.map(async ({ url }) => {
      try {
        if (!cache) {
          await fetch(request(url)).then((r) => r.arrayBuffer());
          return;
        }
        if (!(await cache.match(url))) await cache.add(request(url));
      } catch {
        // A failed prefetch only means the prover downloads it later.
      }
    }),
  );
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The artifact's bytes, from the cache or the network, checked against its sha256. */
export async function loadArtifact(ref: ArtifactRef): Promise<Uint8Array> {
  const cache = await openCache();
  let res = cache ? await cache.match(ref.url) : undefined;
  if (!res) {
    try {
      res = await fetch(request(ref.url));
    } catch (e) {
      throw new ArtifactError("ARTIFACT_UNAVAILABLE", e instanceof Error ? e.message : String(e));
    }
    if (!res.ok) throw new ArtifactError("ARTIFACT_UNAVAILABLE", `${ref.url}: HTTP ${res.status}`);
    if (cache) await cache.put(ref.url, res.clone()).catch(() => undefined);
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  if ((await sha256Hex(bytes)) !== ref.sha256) {
    await cache?.delete(ref.url);
    throw new ArtifactError("ARTIFACT_MISMATCH", `${ref.url} does not match its sha256`);
  }
  return bytes;
}

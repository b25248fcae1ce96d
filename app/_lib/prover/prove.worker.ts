import { generateProof, Identity } from "@semaphore-protocol/core";
import type { CensusMerkleProof } from "@/core/census";
import { getAnonymous } from "./anonymous-request";
import { loadArtifact } from "./load-artifact";
import { memberProofForCensus, memberProofForPoll } from "./member-proof-for-poll";
import type { ProveRequest, ProverMessage, TProveCensus } from "./prover-protocol";

/**
 * The prover, off the page's thread so the page never freezes: it fetches the district's member
 * list (as frozen at a poll's opening, or today's for a process's acts), rebuilds the tree (and
 * checks a poll's frozen root), loads and
 * checks the circuit artifacts, and makes the Semaphore proof (snarkjs Groth16, its own threads).
 * It only answers with the proof; the page sends the vote itself.
 */
// The worker's global scope, typed by what this file uses (the DOM and WebWorker libs clash).
const scope = self as unknown as {
  postMessage(message: ProverMessage): void;
  onmessage: ((event: MessageEvent<ProveRequest>) => void) | null;
};
const post = (m: ProverMessage) => scope.postMessage(m);

// Both are immutable for the worker's lifetime, so a changed vote reuses them: the census a poll
// froze never changes (it is addressed by the poll_opened index), and artifacts are addressed by
// their sha256. Failures are not kept, so a retry tries again.
const memberProofs = new Map<string, Promise<CensusMerkleProof>>();
const artifactBytes = new Map<string, Promise<Uint8Array>>();

function once<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = make();
    value.catch(() => cache.delete(key));
    cache.set(key, value);
  }
  return value;
}

/** A poll vote's path from the member list as the poll froze it (cached: it never changes). */
async function frozenPath(req: ProveRequest, census: Extract<TProveCensus, { kind: "frozen" }>) {
  const key = `${req.districtId}:${census.ledgerSize}:${census.frozenRoot}:${census.depth}:${req.commitment}`;
  const path = await once(memberProofs, key, async () => {
    const list = await getAnonymous<{ members: string[] }>(
      `/api/anon/members?districtId=${encodeURIComponent(req.districtId)}&ledgerSize=${encodeURIComponent(census.ledgerSize)}`,
    );
    post({ type: "stage", stage: "path" });
    const built = memberProofForPoll(list.members, req.commitment, census);
    if (!built.ok) throw Object.assign(new Error(built.code), { code: built.code });
    return built.proof;
  });
  return { path, depth: census.depth, artifacts: census.artifacts };
}

/** A process act's path and depth from today's member list (never cached: the census grows). */
async function currentPath(req: ProveRequest, census: Extract<TProveCensus, { kind: "current" }>) {
  const list = await getAnonymous<{ members: string[] }>(
    `/api/anon/members?districtId=${encodeURIComponent(req.districtId)}`,
  );
  post({ type: "stage", stage: "path" });
  const built = memberProofForCensus(list.members, req.commitment);
  if (!built.ok) throw Object.assign(new Error(built.code), { code: built.code });
  const artifacts = census.artifactsByDepth[built.depth];
  // The census outgrew what the page prepared for: a reload fetches the artifacts of its new depth.
  if (!artifacts) throw Object.assign(new Error("census depth changed"), { code: "CENSUS_CHANGED" });
  return { path: built.proof, depth: built.depth, artifacts };
}

async function prove(req: ProveRequest): Promise<void> {
  post({ type: "stage", stage: "members" });
  const {
    path,
    depth,
    artifacts: refs,
  } = req.census.kind === "frozen" ? await frozenPath(req, req.census) : await currentPath(req, req.census);

  post({ type: "stage", stage: "artifacts" });
  const [wasm, zkey] = await Promise.all(
    [refs.wasm, refs.zkey].map((ref) => once(artifactBytes, ref.url, () => loadArtifact(ref))),
  );

  post({ type: "stage", stage: "proving" });
  const started = performance.now();
  const identity = Identity.import(req.privateKey);
  if (identity.commitment.toString() !== req.commitment)
    throw Object.assign(new Error("identity does not match its commitment"), { code: "IDENTITY_DAMAGED" });
  // snarkjs reads artifacts given as bytes from memory (fastfile "mem"), so nothing is fetched twice.
  const artifacts = { wasm, zkey } as unknown as { wasm: string; zkey: string };
  // generateProof pads the siblings array in place: hand it a copy, the cached path stays intact.
  const proof = await generateProof(
    identity,
    { ...path, siblings: [...path.siblings] },
    BigInt(req.message),
    BigInt(req.scope),
    depth,
    artifacts,
  );
  post({
    type: "done",
    provingMs: Math.round(performance.now() - started),
    proof: {
      merkleTreeDepth: proof.merkleTreeDepth,
      merkleTreeRoot: proof.merkleTreeRoot.toString(),
      nullifier: proof.nullifier.toString(),
      message: proof.message.toString(),
      scope: proof.scope.toString(),
      points: proof.points.map(String),
    },
  });
}

/** A failure's code: a request's or a step's own, else the proof itself failed. */
function codeOf(e: unknown): string {
  return e !== null && typeof e === "object" && "code" in e && typeof e.code === "string"
    ? e.code
    : "PROVER_FAILED";
}

scope.onmessage = (event) => {
  if (event.data?.type !== "prove") return;
  prove(event.data).catch((e: unknown) =>
    post({ type: "error", code: codeOf(e), message: e instanceof Error ? e.message : String(e) }),
  );
};

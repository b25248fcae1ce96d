/**
 * The benchmark's Web Worker (bundled by bench/browser-proof-bench.ts with esbuild, run as a
 * module worker in headless Chromium). It proves the way Plaza's vote prover does
 * (app/_lib/prover/prove.worker.ts): artifacts fetched as bytes, then Semaphore's generateProof,
 * whose snarkjs Groth16 prover spreads its work over nested workers, one per core.
 *
 * "prove" answers with the time spent fetching the artifacts (zero once this worker holds them)
 * and proving. "split" times the two halves of a proof separately on the same inputs: the
 * circuit's witness (circom's WASM witness calculator) and the Groth16 prover proper.
 */
import { generateProof, Identity } from "@semaphore-protocol/core";
import { groth16, wtns } from "snarkjs";

export type TBenchRequest =
  | {
      type: "prove";
      id: number;
      depth: number;
      privateKey: string;
      merkleProof: { root: string; leaf: string; index: number; siblings: string[] };
      message: string;
      scope: string;
    }
  | { type: "split"; id: number; depth: number; input: Record<string, string | number | string[]> };

export type TBenchResponse =
  | {
      type: "proved";
      id: number;
      fetchMs: number;
      proveMs: number;
      proof: {
        merkleTreeDepth: number;
        merkleTreeRoot: string;
        nullifier: string;
        message: string;
        scope: string;
        points: string[];
      };
    }
  | { type: "split"; id: number; witnessMs: number; groth16Ms: number }
  | { type: "error"; id: number; message: string };

const scope = self as unknown as {
  postMessage(message: TBenchResponse): void;
  onmessage: ((event: MessageEvent<TBenchRequest>) => void) | null;
};

const artifacts = new Map<number, { wasm: Uint8Array; zkey: Uint8Array }>();

async function bytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

async function load(depth: number) {
  let held = artifacts.get(depth);
  if (!held) {
    const [wasm, zkey] = await Promise.all([
      bytes(`/artifacts/semaphore-${depth}.wasm`),
      bytes(`/artifacts/semaphore-${depth}.zkey`),
    ]);
    held = { wasm, zkey };
    artifacts.set(depth, held);
  }
  return held;
}

async function handle(req: TBenchRequest): Promise<TBenchResponse> {
  const t0 = performance.now();
  const held = await load(req.depth);
  const t1 = performance.now();
  if (req.type === "split") {
    // snarkjs reads byte arrays as in-memory files; "mem" keeps the witness in memory too.
    const witness = { type: "mem" } as { type: "mem"; data?: Uint8Array };
    await wtns.calculate(req.input, held.wasm as unknown as string, witness);
    const t2 = performance.now();
    await groth16.prove(held.zkey as unknown as string, witness as unknown as string);
    return { type: "split", id: req.id, witnessMs: t2 - t1, groth16Ms: performance.now() - t2 };
  }
  const proof = await generateProof(
    new Identity(req.privateKey),
    {
      root: BigInt(req.merkleProof.root),
      leaf: BigInt(req.merkleProof.leaf),
      index: req.merkleProof.index,
      siblings: req.merkleProof.siblings.map(BigInt),
    },
    BigInt(req.message),
    BigInt(req.scope),
    req.depth,
    held as unknown as { wasm: string; zkey: string },
  );
  return {
    type: "proved",
    id: req.id,
    fetchMs: t1 - t0,
    proveMs: performance.now() - t1,
    proof: {
      merkleTreeDepth: proof.merkleTreeDepth,
      merkleTreeRoot: proof.merkleTreeRoot.toString(),
      nullifier: proof.nullifier.toString(),
      message: proof.message.toString(),
      scope: proof.scope.toString(),
      points: proof.points.map(String),
    },
  };
}

scope.onmessage = (event) => {
  handle(event.data).then(
    (response) => scope.postMessage(response),
    (e: unknown) =>
      scope.postMessage({
        type: "error",
        id: event.data.id,
        message: e instanceof Error ? (e.stack ?? e.message) : String(e),
      }),
  );
};

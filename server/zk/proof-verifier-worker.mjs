// Entry of the proof verifier's worker threads (proof-verifier-pool.ts). A worker starts as plain
// Node, without the TypeScript loader of the thread that created it (tsx's hooks under `npm start`
// and the benchmarks, Vite's transform under vitest), so it loads tsx here, scoped to this one
// import, and runs the TypeScript worker through it. tsx is a runtime dependency (`npm start`).
import { tsImport } from "tsx/esm/api";

await tsImport("./proof-verifier-worker.ts", import.meta.url);

import { describeValue } from "../internal/assert";
import { Bn254Engine } from "./bn254-engine";

/** The compiled wasmcurves BN254 module: its bytes, or a `WebAssembly.Module` already compiled. */
export type Bn254WasmSource = Uint8Array | ArrayBuffer | WebAssembly.Module;

// The module imports its memory as env.memory with a minimum of 25 pages; 32 leaves room for the
// first batch, and the engine grows it as batches need.
const INITIAL_PAGES = 32;

/**
 * Instantiates the WASM BN254 arithmetic (wasmcurves, as built by ffjavascript for snarkjs; see
 * `loadBn254WasmFromSnarkjs`) with a memory of its own, for `verifyGroth16Batch`. Async because
 * WebAssembly compilation is; works in Node, browsers and Web Workers. Each engine is used by one
 * thread; create one per worker.
 */
export async function createBn254Engine(wasm: Bn254WasmSource): Promise<Bn254Engine> {
  let module: WebAssembly.Module;
  if (wasm instanceof WebAssembly.Module) module = wasm;
  else if (wasm instanceof ArrayBuffer || ArrayBuffer.isView(wasm)) {
    module = await WebAssembly.compile(wasm as BufferSource);
  } else {
    throw new TypeError(
      `wasm must be a Uint8Array, ArrayBuffer or WebAssembly.Module, got ${describeValue(wasm)}`,
    );
  }
  const memory = new WebAssembly.Memory({ initial: INITIAL_PAGES });
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  return new Bn254Engine(instance.exports, memory);
}

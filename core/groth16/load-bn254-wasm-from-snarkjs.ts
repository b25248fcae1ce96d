import { assertObject, describeValue } from "../internal/assert";

/** The part of snarkjs's `curves` export used here (`import { curves } from "snarkjs"`). */
export interface SnarkjsCurves {
  getCurveFromName(name: string, options?: { singleThread?: boolean }): Promise<unknown>;
}

/**
 * The bytes of the BN254 WASM module that snarkjs itself verifies with: ffjavascript builds it
 * from wasmcurves when a curve is requested, and a single-threaded curve keeps the bytes (at
 * `tm.code`). Passing snarkjs's `curves` in, rather than importing snarkjs here, keeps core/ free
 * of package imports other than @noble; the same call works with snarkjs's browser build.
 * Throws a TypeError if that snarkjs build does not expose the bytes.
 */
export async function loadBn254WasmFromSnarkjs(curves: SnarkjsCurves): Promise<Uint8Array> {
  assertObject(curves, "curves");
  if (typeof curves.getCurveFromName !== "function") {
    throw new TypeError("curves must be snarkjs's `curves` export (with getCurveFromName)");
  }
  const curve: unknown = await curves.getCurveFromName("bn128", { singleThread: true });
  const code = (curve as { tm?: { code?: unknown } } | undefined)?.tm?.code;
  if (!(code instanceof Uint8Array)) {
    throw new TypeError(`snarkjs's bn128 curve has no WASM bytes at tm.code (got ${describeValue(code)})`);
  }
  return code;
}

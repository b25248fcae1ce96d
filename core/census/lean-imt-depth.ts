import { assertTreeSize } from "./asserts";

/**
 * The depth of a LeanIMT with `size` leaves: ceil(log2(size)), 0 for 0 or 1 leaves. This is the
 * rule @zk-kit/lean-imt applies (a level is added exactly when the size passes a power of two),
 * and the depth a Semaphore proof for the tree is generated and verified with.
 */
export function leanIMTDepth(size: number): number {
  assertTreeSize(size, "size");
  let depth = 0;
  while (2 ** depth < size) depth++;
  return depth;
}

/** Number of nodes at `level` in a tree of `size` leaves: ceil(size / 2^level). */
export function nodesAtLevel(size: number, level: number): number {
  return Math.ceil(size / 2 ** level);
}

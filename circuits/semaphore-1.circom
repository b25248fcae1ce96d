pragma circom 2.1.5;

// The instance `npm run circuits:check` recompiles: Semaphore v4 for trees of depth 1, declared
// as Semaphore's own build declares every depth (circomkit, circuits.json), so the compiled
// wires line up with the official semaphore-1.zkey. Outputs merkleRoot and nullifier come first
// among the public signals, then the public inputs in this order: message, scope.
include "semaphore.circom";

component main {public [message, scope]} = Semaphore(1);

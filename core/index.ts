// Plaza's transparency-log protocol code: pure TypeScript over Uint8Array and bigint, with SHA-256
// and Ed25519 from @noble, so the browser, the server and the observer CLI share one
// implementation. No Next, tRPC, database or node-only imports belong here.
export * from "./checkpoint";
export * from "./cosignature";
export * from "./encoding";
export * from "./merkle";
export * from "./note";
export * from "./tiles";
export * from "./tlog-proof";
export * from "./witness";

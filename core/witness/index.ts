export { MAX_CONSISTENCY_PROOF_LINES } from "./constants";
export { formatAddCheckpointRequest } from "./format-add-checkpoint-request";
export { parseAddCheckpointRequest } from "./parse-add-checkpoint-request";
export type { AddCheckpointRequest } from "./types";

export type { FormatCheckpointParams } from "./format-checkpoint";
export { formatCheckpoint } from "./format-checkpoint";
export type { OpenCheckpointParams, OpenedCheckpoint } from "./open-checkpoint";
export { openCheckpoint } from "./open-checkpoint";
export { parseCheckpoint } from "./parse-checkpoint";
export type { Checkpoint } from "./types";

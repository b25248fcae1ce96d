/**
 * A pinned ZK artifact (or the manifest that pins them) is missing, unreadable or not the bytes
 * recorded in `circuits/manifest.json`. The server refuses to start on it: a proving key or
 * verification key that differs from the ceremony output could accept forged votes.
 * The message is one line, fit to print as the whole start-up error.
 */
export class ArtifactIntegrityError extends Error {
  override name = "ArtifactIntegrityError";
  /** The file as the manifest names it (e.g. `semaphore-16.zkey`), or the manifest's own path. */
  readonly file: string;

  constructor(file: string, message: string) {
    super(message);
    this.file = file;
  }
}

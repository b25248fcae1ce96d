import { openIdbStore } from "./open-idb-store";

/**
 * A resident's Semaphore identity for one district, kept only in this browser (IndexedDB). The
 * private key never leaves the browser except inside a passphrase-sealed backup file the resident
 * downloads; the server only ever sees the commitment. One identity per district: the store is
 * keyed by district id.
 */
export interface StoredIdentity {
  districtId: string;
  districtSlug: string;
  districtName: string;
  /** The identity's private key in Identity.export() format (base64). Secret. */
  privateKey: string;
  /** Identity commitment, canonical decimal (public: it is in the census). */
  commitment: string;
  /** ISO time this browser joined (or imported the identity). */
  joinedAt: string;
}

const store = () => openIdbStore<StoredIdentity>("identities");

export async function saveIdentity(identity: StoredIdentity): Promise<void> {
  await store().put(identity);
}

export async function getIdentity(districtId: string): Promise<StoredIdentity | undefined> {
  return store().get(districtId);
}

/** Every district this browser is a member of, by district name. */
export async function listIdentities(): Promise<StoredIdentity[]> {
  const all = await store().getAll();
  return all.sort((a, b) => a.districtName.localeCompare(b.districtName));
}

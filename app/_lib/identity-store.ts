import { openIdbStore } from "./open-idb-store";

/**
 * Whether the census is known to hold an identity: "pending" from the moment the browser made it
 * (before the invitation code is sent) until the server's reply or the district's public member
 * list shows its commitment; "member" after that. Saving before sending matters: if the reply is
 * lost (connection dropped, tab closed) the server may have spent the code and added the
 * commitment, and only the secret kept here can still vote with it.
 */
export type TIdentityStatus = "pending" | "member";

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
  /** ISO time this browser made (or imported) the identity. */
  joinedAt: string;
  status: TIdentityStatus;
}

/** A refusal of the identity store, with a resident error code (resident.errors.*). */
export class IdentityStoreError extends Error {
  override name = "IdentityStoreError";
  constructor(
    readonly code: "ALREADY_JOINED_HERE" | "IDENTITY_CHANGED",
    message: string,
  ) {
    super(message);
  }
}

const store = () => openIdbStore<StoredIdentity>("identities");

/** Identities kept before the status existed were only ever saved after a successful join. */
function normalized(record: StoredIdentity): StoredIdentity;
function normalized(record: StoredIdentity | undefined): StoredIdentity | undefined;
function normalized(record: StoredIdentity | undefined): StoredIdentity | undefined {
  return record && { ...record, status: record.status ?? "member" };
}

/** Any identity this browser holds for the district, pending or member. */
export async function getStoredIdentity(districtId: string): Promise<StoredIdentity | undefined> {
  return normalized(await store().get(districtId));
}

/** The identity this browser can vote with in the district: a confirmed member only. */
export async function getIdentity(districtId: string): Promise<StoredIdentity | undefined> {
  const held = await getStoredIdentity(districtId);
  return held?.status === "member" ? held : undefined;
}

/** Every district this browser holds an identity for (pending ones too), by district name. */
export async function listIdentities(): Promise<StoredIdentity[]> {
  const all = (await store().getAll()).map((r) => normalized(r));
  return all.sort((a, b) => a.districtName.localeCompare(b.districtName));
}

/**
 * The identity to join the district with, saved (durably) as pending BEFORE the code is sent.
 * An identity already pending for the district is reused, so a retry after a lost reply sends
 * the same commitment; a member identity is never overwritten (ALREADY_JOINED_HERE), even when
 * another tab made it after this page last looked.
 */
export async function beginJoin(fresh: Omit<StoredIdentity, "status">): Promise<StoredIdentity> {
  let kept: StoredIdentity | undefined;
  const before = await store().update(fresh.districtId, (raw) => {
    const current = normalized(raw);
    if (current) {
      kept = current;
      return null;
    }
    return { ...fresh, status: "pending" };
  });
  if (kept?.status === "member")
    throw new IdentityStoreError("ALREADY_JOINED_HERE", "This browser is already a member of this district.");
  return normalized(before) ?? { ...fresh, status: "pending" };
}

/**
 * Marks the district's identity a member once the census is known to hold its commitment (the
 * join's reply, or the public member list). Does nothing (false) when the browser now holds
 * another identity for the district.
 */
export async function confirmMember(districtId: string, commitment: string): Promise<boolean> {
  let confirmed = false;
  await store().update(districtId, (raw) => {
    const current = normalized(raw);
    if (current?.commitment !== commitment) return null;
    confirmed = true;
    return current.status === "member" ? null : { ...current, status: "member" };
  });
  return confirmed;
}

/**
 * Keeps an imported identity for its district. `replacing` is the commitment of the identity the
 * resident agreed to replace (undefined: there was none); if the store holds anything else by now
 * (another tab joined or imported meanwhile) nothing is written and IDENTITY_CHANGED is thrown, so
 * nothing is replaced without the resident having seen it. The same identity again only updates
 * its status (a member stays a member).
 */
export async function importIdentity(identity: StoredIdentity, replacing: string | undefined): Promise<void> {
  let changed = false;
  await store().update(identity.districtId, (raw) => {
    const current = normalized(raw);
    if (current?.commitment === identity.commitment) {
      return current.status === "member" || identity.status === "pending" ? null : identity;
    }
    if (current?.commitment !== replacing) {
      changed = true;
      return null;
    }
    return identity;
  });
  if (changed)
    throw new IdentityStoreError(
      "IDENTITY_CHANGED",
      "The identity kept for this district changed meanwhile; look again before replacing it.",
    );
}

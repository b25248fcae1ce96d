import { parseVerifierKey } from "../note/parse-verifier-key";
import { type NoteVerifier, SIGNATURE_TYPE_COSIGNATURE_V1 } from "../note/types";

/**
 * Which witnesses must have cosigned a checkpoint before an observer believes it, in the syntax of
 * Sigsum's trust policies (the format the C2SP witness ecosystem uses), with witnesses named by
 * their c2sp.org/signed-note verifier keys (cosignature/v1, type 0x04, as `plaza keygen --witness`
 * prints them):
 *
 *   witness <name> <verifier key>
 *   group <name> <k | any | all> <member> [<member> ...]   members: witnesses or earlier groups
 *   quorum <name>                                          the witness or group that must be met
 *
 * Blank lines and lines starting with "#" are ignored. Without a quorum line, every witness must
 * have cosigned.
 */
export interface WitnessPolicy {
  readonly witnesses: ReadonlyMap<string, NoteVerifier>;
  readonly groups: ReadonlyMap<string, { readonly threshold: number; readonly members: readonly string[] }>;
  readonly quorum: string;
}

/** Parses a policy; throws TypeError naming the line of the first mistake. */
export function parseWitnessPolicy(text: string): WitnessPolicy {
  if (typeof text !== "string") throw new TypeError("witness policy must be text");
  const witnesses = new Map<string, NoteVerifier>();
  const groups = new Map<string, { threshold: number; members: string[] }>();
  let quorum: string | undefined;
  const known = (name: string) => witnesses.has(name) || groups.has(name);
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const where = `witness policy line ${i + 1}`;
    const [keyword, ...args] = line.split(/\s+/);
    switch (keyword) {
      case "witness": {
        const [name, vkey] = args;
        if (args.length !== 2 || name === undefined || vkey === undefined)
          throw new TypeError(`${where}: expected "witness <name> <verifier key>"`);
        if (known(name)) throw new TypeError(`${where}: the name ${name} is already defined`);
        let verifier: NoteVerifier;
        try {
          verifier = parseVerifierKey(vkey);
        } catch (e) {
          throw new TypeError(`${where}: ${(e as Error).message}`);
        }
        if (verifier.type !== SIGNATURE_TYPE_COSIGNATURE_V1)
          throw new TypeError(`${where}: ${name}'s key is not a cosignature/v1 (type 0x04) witness key`);
        witnesses.set(name, verifier);
        return;
      }
      case "group": {
        const [name, k, ...members] = args;
        if (name === undefined || k === undefined || members.length === 0)
          throw new TypeError(`${where}: expected "group <name> <k|any|all> <member>..."`);
        if (known(name)) throw new TypeError(`${where}: the name ${name} is already defined`);
        for (const m of members)
          if (!known(m)) throw new TypeError(`${where}: ${m} is not a witness or group defined above`);
        if (new Set(members).size !== members.length)
          throw new TypeError(`${where}: a member is listed twice`);
        const threshold =
          k === "any" ? 1 : k === "all" ? members.length : /^[1-9][0-9]*$/.test(k) ? Number(k) : Number.NaN;
        if (!(threshold >= 1 && threshold <= members.length))
          throw new TypeError(`${where}: the threshold must be any, all or 1..${members.length}`);
        groups.set(name, { threshold, members });
        return;
      }
      case "quorum": {
        const [name] = args;
        if (args.length !== 1 || name === undefined)
          throw new TypeError(`${where}: expected "quorum <name>"`);
        if (quorum !== undefined) throw new TypeError(`${where}: a second quorum`);
        if (!known(name)) throw new TypeError(`${where}: ${name} is not a witness or group defined above`);
        quorum = name;
        return;
      }
      default:
        throw new TypeError(`${where}: unknown keyword ${JSON.stringify(keyword)}`);
    }
  });
  if (witnesses.size === 0) throw new TypeError("witness policy names no witness");
  if (quorum === undefined) {
    quorum = "\u0000all";
    groups.set(quorum, { threshold: witnesses.size, members: [...witnesses.keys()] });
  }
  return { witnesses, groups, quorum };
}

/** Whether the witnesses in `cosigned` (by name) satisfy the policy's quorum. */
export function witnessQuorumMet(policy: WitnessPolicy, cosigned: ReadonlySet<string>): boolean {
  const met = (name: string): boolean => {
    if (policy.witnesses.has(name)) return cosigned.has(name);
    const group = policy.groups.get(name);
    if (!group) return false;
    return group.members.filter(met).length >= group.threshold;
  };
  return met(policy.quorum);
}

/** A human description of the quorum, e.g. "2 of (a, b, c)". */
export function describeQuorum(policy: WitnessPolicy): string {
  const label = (name: string): string => {
    const group = policy.groups.get(name);
    if (!group) return name;
    return `${group.threshold} of (${group.members.map(label).join(", ")})`;
  };
  return label(policy.quorum);
}

import { generateProof, Identity, type SemaphoreProof, verifyProof } from "@semaphore-protocol/core";
import { and, count, eq, inArray, isNull, sql } from "drizzle-orm";
import { ballotMessage, pollScope } from "@/core/ballot";
import { buildMemberProof, leanIMTDepth } from "@/core/census";
import type { TPollInput } from "@/core/polls/poll-input";
import type { Db } from "../../db/client";
import { firstRow } from "../../db/first-row";
import { censusMembers, councilMembers, districts, instanceSettings, polls, users } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import { artifactPath } from "../../zk/artifact-path";
import type { Actor } from "../auth/actor";
import { generateInvitationCodes } from "../census/generate-invitation-codes";
import { joinDistrict } from "../census/join-district";
import { listMembers } from "../census/list-members";
import { castVote } from "../polls/cast-vote";
import { closeDuePolls } from "../polls/close-due-polls";
import { createPoll } from "../polls/create-poll";
import { openDuePolls } from "../polls/open-due-polls";
import { updatePoll } from "../polls/update-poll";
import { getSetting } from "../settings/get-setting";
import { DEMO_CITY } from "./seed-demo-city";
import { seedDemoProcess } from "./seed-demo-process";
import { wireProof } from "./wire-proof";

const SEED_MARKER = "demo_polls_v1";
/** Serialises this step across instances that start at the same moment on one PostgreSQL. */
const SEED_LOCK_KEY = 0x7365656432; // "seed2"
const DAY_MS = 86_400_000;

interface DemoPollSpec {
  title: string;
  description: string;
  options: string[];
  method: TPollInput["method"];
}

/**
 * Riverside's demo polls. `ballots[i]` is demo resident i's vote in the closed poll; `change`
 * is one resident voting again with a higher sequence number, so the ledger shows a replacement.
 */
export const DEMO_POLLS = {
  district: "riverside",
  /** Fresh codes printed on the console for each demo district, for newcomers to join with. */
  codesPerDistrict: 5,
  closed: {
    title: "Riverside park: which playground design?",
    description:
      "The council has set aside €180,000 to rebuild the playground by the river path next spring. " +
      "Three designs came out of the neighbourhood workshops; the one with the most votes will be built.\n\n" +
      "- **Nature play**: logs, boulders, a sand pit and a hand-pumped water channel.\n" +
      "- **Adventure tower**: a two-storey climbing tower with slides and a rope bridge.\n" +
      "- **Play for everyone**: wheelchair-accessible swings, a roundabout at ground level and a sensory garden.",
    options: ["Nature play", "Adventure tower", "Play for everyone"],
    method: { kind: "single" },
    ballots: [[0], [1], [2], [0], [2], [0], [1], [2], [0], [1], [2], [2]],
    change: { resident: 3, ballot: [2] },
  },
  /** Open from the first start for 30 days, frozen with the demo residents only. */
  open: {
    title: "Harbour market: which days should it run?",
    description:
      "From March the farmers' market on the old harbour quay can run on up to two days a week. " +
      "Choose one or two days; the market traders' association will plan its season on the result.",
    options: ["Thursday evening", "Saturday morning", "Sunday morning"],
    method: { kind: "approval", min: 1, max: 2 },
  },
  /**
   * Waits for one resident more than the demo census, so it opens (and freezes its census) the
   * moment a newcomer joins Riverside with a printed code, and that newcomer can vote in it: a
   * poll that is already open cannot take a voter who joined after its census was frozen.
   */
  waiting: {
    title: "Riverside library: open on Sunday afternoons?",
    description:
      "The library could open on Sundays from 1 pm to 5 pm by moving four hours from Monday mornings, " +
      "when it is quietest. The library board will follow the result from the next quarter.",
    options: [
      "Yes, open on Sunday afternoons",
      "Yes, but only from October to March",
      "No, keep the current hours",
    ],
    method: { kind: "single" },
  },
} as const satisfies {
  district: string;
  codesPerDistrict: number;
  closed: DemoPollSpec & {
    ballots: readonly (readonly number[])[];
    change: { resident: number; ballot: number[] };
  };
  open: DemoPollSpec;
  waiting: DemoPollSpec;
};

export interface DemoInvitations {
  districtSlug: string;
  districtName: string;
  /** Plaintext codes, returned this once: only their hashes are stored. */
  codes: string[];
}

export interface DemoPollsSeed {
  invitations: DemoInvitations[];
  /** Null when Riverside or its demo council member is gone (the polls need both). */
  polls: {
    closedPollId: string;
    openPollId: string;
    waitingPollId: string;
    /** Votes accepted by castVote in the closed poll (the change included) and those refused. */
    votesCast: number;
    votesReplaced: number;
    votesRefused: number;
    /** Whether the closed poll was closed (its tally on the ledger) before this returned. */
    closed: boolean;
    /** Riverside's demo participatory process (proposal phase, with proposals and a comment). */
    processId: string;
    /** Time spent making the proofs, and the whole step. */
    provingMs: number;
    totalMs: number;
  } | null;
}

interface Riverside {
  districtId: string;
  council: NonNullable<Actor>;
  residents: Identity[];
  closedPollId: string;
  openPollId: string;
  waitingPollId: string;
}

/**
 * The second demo step, run once per database after seedDemoCity: Riverside gets a dozen demo
 * residents, a poll that ends up closed with their real votes and its tally on the ledger, an
 * open poll, and a poll that opens when the next resident joins; every demo district gets a few
 * fresh invitation codes for the console, so a newcomer can join and vote. Everything goes through
 * the real services (codes, joins, polls, opening, votes checked by Semaphore's verifier, closing),
 * so the ledger holds exactly what real use would have written, and nothing is hand-written.
 *
 * Exactly once: the marker row is written in the same transaction as the codes, members and polls,
 * under an advisory lock, so of two instances starting at once one seeds and the other finds the
 * marker. That transaction leaves the closed poll scheduled an hour ahead; the votes come after
 * it commits (below). Should this process stop in between, that poll simply opens and closes on
 * its own later, without votes: the demo is thinner but never doubled.
 *
 * Timing. Votes are refused from closesAt on, closing waits for closesAt, and proofs need the
 * poll's scope (its id) and the census root it will freeze. So the proofs are made while the poll
 * is still scheduled, against the current census (nobody else holds a Riverside code yet: the
 * printed ones are printed after this returns), then the poll is moved to open now and close a
 * moment later, just long enough to cast the ready votes, and is closed by closeDuePolls as soon as
 * that moment has passed.
 */
export async function seedDemoPolls(db: Db, options: { origin: string }): Promise<DemoPollsSeed | null> {
  const started = performance.now();
  const seeded = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    if ((await getSetting(tx, SEED_MARKER)) !== null) return null;
    // The transaction's own clock: openDuePolls compares opensAt with now(), which stays at the
    // transaction's start for as long as it runs.
    const now = new Date(
      firstRow<{ now: string | Date }>(await tx.execute(sql`select now() as now`))?.now ?? "",
    );
    if (Number.isNaN(now.getTime())) throw new Error("the database did not tell its time");

    const demo = await demoDistricts(tx);
    const invitations: DemoInvitations[] = [];
    for (const d of demo) {
      const batch = await generateInvitationCodes(tx, d.council, {
        districtId: d.districtId,
        count: DEMO_POLLS.codesPerDistrict,
      });
      invitations.push({ districtSlug: d.slug, districtName: d.name, codes: batch.codes });
    }

    let riverside: Riverside | null = null;
    const home = demo.find((d) => d.slug === DEMO_POLLS.district);
    if (home) {
      const { districtId, council } = home;
      // The demo residents' Semaphore identities are made here, as a browser would make them,
      // and only their commitments are sent to joinDistrict. The secrets live in this process
      // until the demo votes are cast and are then dropped: nobody can vote as a demo resident.
      const residents = DEMO_POLLS.closed.ballots.map(() => new Identity());
      const codes = await generateInvitationCodes(tx, council, { districtId, count: residents.length });
      for (const [i, resident] of residents.entries()) {
        await joinDistrict(tx, {
          code: codes.codes[i] as string,
          commitment: resident.commitment.toString(),
        });
      }
      // Members as openDuePolls counts them (removed ones excluded), should Riverside have had some.
      const [active] = await tx
        .select({ n: count() })
        .from(censusMembers)
        .where(and(eq(censusMembers.districtId, districtId), isNull(censusMembers.removedAt)));
      const census = active?.n ?? 0;
      const closed = await createPoll(tx, council, {
        districtId,
        poll: {
          ...pollInput(DEMO_POLLS.closed),
          // Placeholders, moved to "now" once the votes are ready (castDemoVotes).
          opensAt: new Date(now.getTime() + 3_600_000),
          closesAt: new Date(now.getTime() + 7_200_000),
          minAnonymitySet: 10,
        },
      });
      const open = await createPoll(tx, council, {
        districtId,
        poll: {
          ...pollInput(DEMO_POLLS.open),
          opensAt: now,
          closesAt: new Date(now.getTime() + 30 * DAY_MS),
          minAnonymitySet: Math.min(10, census),
        },
      });
      const waiting = await createPoll(tx, council, {
        districtId,
        poll: {
          ...pollInput(DEMO_POLLS.waiting),
          opensAt: now,
          closesAt: new Date(now.getTime() + 30 * DAY_MS),
          minAnonymitySet: census + 1,
        },
      });
      const opened = await openDuePolls(tx, options.origin);
      if (!opened.includes(open.id)) throw new Error("the open demo poll did not open");
      riverside = {
        districtId,
        council,
        residents,
        closedPollId: closed.id,
        openPollId: open.id,
        waitingPollId: waiting.id,
      };
    }
    await tx.insert(instanceSettings).values({ key: SEED_MARKER, value: new Date().toISOString() });
    return { invitations, riverside };
  });
  if (!seeded) return null;
  if (!seeded.riverside) return { invitations: seeded.invitations, polls: null };
  const r = seeded.riverside;
  const votes = await castDemoVotes(db, options.origin, r);
  // The same residents (their secrets still here, then dropped) file the demo process's proposals.
  const process = await seedDemoProcess(db, {
    origin: options.origin,
    districtId: r.districtId,
    council: r.council,
    residents: r.residents,
  });
  return {
    invitations: seeded.invitations,
    polls: {
      closedPollId: r.closedPollId,
      openPollId: r.openPollId,
      waitingPollId: r.waitingPollId,
      ...votes,
      processId: process.processId,
      totalMs: Math.round(performance.now() - started),
    },
  };
}

function pollInput(spec: DemoPollSpec) {
  return {
    title: spec.title,
    description: spec.description,
    options: [...spec.options],
    method: spec.method,
  };
}

/** The demo districts that still exist with their demo council member (the actor for codes and polls). */
async function demoDistricts(db: Db) {
  const wanted = DEMO_CITY.districts.map((d) => ({ slug: d.slug, email: d.council[0].email }));
  const rows = await db
    .select({
      districtId: districts.id,
      slug: districts.slug,
      name: districts.name,
      userId: users.id,
      email: users.email,
    })
    .from(districts)
    .innerJoin(councilMembers, eq(councilMembers.districtId, districts.id))
    .innerJoin(users, eq(users.id, councilMembers.userId))
    .where(
      and(
        inArray(
          districts.slug,
          wanted.map((w) => w.slug),
        ),
        inArray(
          users.email,
          wanted.map((w) => w.email),
        ),
      ),
    );
  return wanted.flatMap((w) => {
    const row = rows.find((x) => x.slug === w.slug && x.email === w.email);
    if (!row) return [];
    const council: NonNullable<Actor> = { userId: row.userId, email: row.email, isPlatformAdmin: false };
    return [{ districtId: row.districtId, slug: row.slug, name: row.name, council }];
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** How long to keep asking for the poll to open or close (another instance may do it first). */
const SETTLE_TIMEOUT_MS = 30_000;

/**
 * Makes the closed poll's votes and runs it from opening to its tally: every resident votes once
 * (sequence 0) and one changes their mind (sequence 1), with real proofs from the local artifacts.
 */
async function castDemoVotes(db: Db, origin: string, r: Riverside) {
  const spec = DEMO_POLLS.closed;
  // The census as the poll will freeze it: the browser's list, its root rebuilt here.
  const census = await listMembers(db, r.districtId);
  const leaves = census.members.map(BigInt);
  const depth = Math.max(1, leanIMTDepth(census.size));
  const scope = pollScope(origin, r.closedPollId);
  const artifacts = { wasm: artifactPath(depth, "wasm"), zkey: artifactPath(depth, "zkey") };
  const plan = [
    ...spec.ballots.map((ballot, resident) => ({ resident, ballot: [...ballot], sequence: 0 })),
    { resident: spec.change.resident, ballot: [...spec.change.ballot], sequence: 1 },
  ];

  const proving = performance.now();
  const prove = ({ resident, ballot, sequence }: (typeof plan)[number]) => {
    const identity = r.residents[resident] as Identity;
    const path = buildMemberProof(leaves, identity.commitment);
    if (!path || path.root.toString() !== census.root)
      throw new Error(`demo resident ${resident} is not in Riverside's census`);
    return generateProof(identity, path, ballotMessage(ballot, sequence), scope, depth, artifacts);
  };
  // The first proof alone: snarkjs builds its BN254 curve (a WASM instance and a worker thread
  // per core) on first use and keeps it on globalThis, but calls that start before it exists each
  // build their own. Then the rest at once: the curve's threads share out their multi-
  // exponentiations, and overlapping the witness computations keeps every core busy.
  const [first, ...rest] = plan;
  if (!first) throw new Error("no demo votes planned");
  const proofs = [await prove(first), ...(await Promise.all(rest.map(prove)))];
  const provingMs = Math.round(performance.now() - proving);

  // Check them once with Semaphore's verifier before the clock starts: this measures how long
  // castVote (which verifies again) will need, and warms the verifier's curve.
  const verifying = performance.now();
  for (const proof of proofs)
    if (!(await verifyProof(proof))) throw new Error("a demo vote proof does not verify");
  const verifyMs = performance.now() - verifying;

  // Open now, close once the votes are in: casting is mostly verifying again plus a short write
  // per vote, so the window is a few times that (it scales with the machine's current load), plus
  // a second of margin. Closing waits for the window's end.
  const opensAt = new Date();
  const closesAt = new Date(opensAt.getTime() + Math.round(1_000 + 3 * verifyMs + 30 * plan.length));
  await updatePoll(db, r.council, {
    pollId: r.closedPollId,
    poll: { ...pollInput(spec), opensAt, closesAt, minAnonymitySet: 10 },
  });
  const opened = await settle(db, r.closedPollId, "open", () => openDuePolls(db, origin));
  if (!opened) return { votesCast: 0, votesReplaced: 0, votesRefused: plan.length, closed: false, provingMs };
  const [poll] = await db.select().from(polls).where(eq(polls.id, r.closedPollId));

  let votesCast = 0;
  let votesReplaced = 0;
  let votesRefused = 0;
  // Semaphore's own verifier, which reads the wire form (decimal strings) as it is.
  const deps = { verifyProof: (p: unknown) => verifyProof(p as SemaphoreProof) };
  for (const [i, { ballot, sequence }] of plan.entries()) {
    const proof = proofs[i] as SemaphoreProof;
    if (poll?.frozenRoot !== proof.merkleTreeRoot || poll.depth !== depth) {
      votesRefused++; // Someone joined in between: these proofs are for another census.
      continue;
    }
    try {
      const receipt = await castVote(
        db,
        { pollId: r.closedPollId, ballot, sequence, proof: wireProof(proof) },
        deps,
      );
      votesCast++;
      if (receipt.replaced) votesReplaced++;
    } catch (e) {
      // POLL_NOT_OPEN: this machine was slower than the window allowed; the tally counts the
      // votes that made it. Anything else is a bug in the seed and stops it.
      if (!(e instanceof AppError && e.code === "POLL_NOT_OPEN")) throw e;
      votesRefused++;
    }
  }

  // snarkjs's curve stays built for the demo process's proofs (seedDemoProcess frees it).
  await sleep(Math.max(0, closesAt.getTime() - Date.now()));
  const closed = await settle(db, r.closedPollId, "closed", () => closeDuePolls(db));
  return { votesCast, votesReplaced, votesRefused, closed, provingMs };
}

/** Runs `step` until the poll reaches `status` (or another instance got it there first). */
async function settle(
  db: Db,
  pollId: string,
  status: "open" | "closed",
  step: () => Promise<unknown>,
): Promise<boolean> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    await step();
    const [row] = await db.select({ status: polls.status }).from(polls).where(eq(polls.id, pollId));
    if (row?.status === status) return true;
    if (Date.now() > deadline) return false;
    // The database's clock may run a little behind this process's.
    await sleep(50);
  }
}

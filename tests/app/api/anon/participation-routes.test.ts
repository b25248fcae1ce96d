import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as comment } from "@/app/api/anon/comment/route";
import { POST as propose } from "@/app/api/anon/propose/route";
import { POST as support } from "@/app/api/anon/support/route";
import { createProcess } from "@/server/services/processes/create-process";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { actorOf, addToCouncil, makeDistrict, makeUser } from "../../../helpers/fixtures";

// The three anonymous participation endpoints as Next.js calls them, on a test database and a
// stand-in ledger runtime (only its origin is read): every hostile request gets a typed JSON
// error with a 4xx status, never a 500, and no cookie.
const DATABASE = Symbol.for("plaza.database");
const LEDGER = Symbol.for("plaza.ledger");
let t: TestDb;
let processId: string;

const proof = {
  merkleTreeDepth: 2,
  merkleTreeRoot: "1",
  nullifier: "2",
  message: "3",
  scope: "4",
  points: Array(8).fill("1"),
};
const content = { title: "Benches", body: "", category: null, costEstimate: 10, location: null };
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

function send(route: (req: Request) => Promise<Response>, body: string, type = "application/json") {
  return route(
    new Request("http://localhost/api/anon/x", { method: "POST", headers: { "content-type": type }, body }),
  );
}

beforeAll(async () => {
  t = await createTestDb();
  const globals = globalThis as Record<symbol, unknown>;
  globals[DATABASE] = Promise.resolve(t);
  globals[LEDGER] = Promise.resolve({ identity: { origin: "plaza.test" } });
  const district = await makeDistrict(t.db, "riverside");
  const council = actorOf(await makeUser(t.db, "council@example.org"));
  await addToCouncil(t.db, district.id, council.userId);
  const hour = 3_600_000;
  const created = await createProcess(t.db, council, {
    districtId: district.id,
    process: {
      title: "Budget",
      description: "",
      boundaries: [1, 2, 3, 4, 5, 6].map((h) => new Date(Date.now() + h * hour)),
      responseDeadline: new Date(Date.now() + 4 * hour),
      proposalsPerResident: 1,
      commentsPerResident: 1,
      supportThreshold: 1,
      ballot: { kind: "budget", budget: 100 },
    },
  });
  processId = created.id;
}, 60_000);

afterAll(async () => {
  const globals = globalThis as Record<symbol, unknown>;
  delete globals[DATABASE];
  delete globals[LEDGER];
  await t.close();
});

describe("POST /api/anon/propose, /support and /comment", () => {
  const routes = { propose, support, comment } as const;
  const cases: [keyof typeof routes, string, string, number, string][] = [
    ["propose", "not JSON", "{title", 400, "BAD_INPUT"],
    ["propose", "an array", "[]", 400, "BAD_INPUT"],
    [
      "propose",
      "an unknown member",
      JSON.stringify({ processId: UNKNOWN, slot: 0, content, proof, extra: 1 }),
      400,
      "BAD_INPUT",
    ],
    [
      "propose",
      "an exponent nullifier",
      JSON.stringify({ processId: UNKNOWN, slot: 0, content, proof: { ...proof, nullifier: "1e3" } }),
      400,
      "BAD_INPUT",
    ],
    [
      "propose",
      "a negative slot",
      JSON.stringify({ processId: UNKNOWN, slot: -1, content, proof }),
      400,
      "BAD_INPUT",
    ],
    [
      "propose",
      "a blank title",
      JSON.stringify({ processId: UNKNOWN, slot: 0, content: { ...content, title: "  " }, proof }),
      400,
      "BAD_INPUT",
    ],
    [
      "propose",
      "an unknown process",
      JSON.stringify({ processId: UNKNOWN, slot: 0, content, proof }),
      404,
      "NOT_FOUND",
    ],
    ["support", "no proof", JSON.stringify({ proposalId: UNKNOWN }), 400, "BAD_INPUT"],
    ["support", "an unknown proposal", JSON.stringify({ proposalId: UNKNOWN, proof }), 404, "NOT_FOUND"],
    [
      "comment",
      "a reply to nothing on an unknown proposal",
      JSON.stringify({ proposalId: UNKNOWN, parentId: UNKNOWN, body: "Hi", slot: 0, proof }),
      404,
      "NOT_FOUND",
    ],
    [
      "comment",
      "an empty body",
      JSON.stringify({ proposalId: UNKNOWN, parentId: null, body: "", slot: 0, proof }),
      400,
      "BAD_INPUT",
    ],
    [
      "comment",
      "a body over 5,000 characters",
      JSON.stringify({ proposalId: UNKNOWN, parentId: null, body: "x".repeat(5_001), slot: 0, proof }),
      400,
      "BAD_INPUT",
    ],
    [
      "comment",
      "a request over its size limit",
      JSON.stringify({ body: "x".repeat(40_000) }),
      400,
      "BAD_INPUT",
    ],
  ];
  for (const [route, label, body, status, code] of cases) {
    it(`answers ${route} with ${label}: ${status} ${code}, no cookie`, async () => {
      const res = await send(routes[route], body);
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
      expect(res.headers.get("set-cookie")).toBeNull();
    });
  }

  it("refuses a proposal before its process's proposal phase with OUTSIDE_PHASE, before any proof check", async () => {
    const res = await send(propose, JSON.stringify({ processId, slot: 0, content, proof }));
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("OUTSIDE_PHASE");
  });

  it("takes a proposal body of 20,000 multi-byte characters (within the propose limit) as far as its checks", async () => {
    const long = { ...content, body: "é".repeat(20_000) };
    const res = await send(propose, JSON.stringify({ processId, slot: 0, content: long, proof }));
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("OUTSIDE_PHASE");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as fileGet } from "@/app/api/open/districts/[slug]/[file]/route";
import { GET as districtsGet } from "@/app/api/open/districts/route";
import { formatPollsCsv } from "@/core/polls/format-polls-csv";
import { getDistrictOpenData } from "@/server/services/open-data/get-district-open-data";
import { getPollResults } from "@/server/services/polls/get-poll-results";
import { buildResultsFixture, type ResultsFixture } from "../polls/poll-results-fixture";

// The routes read getDb(), which hands out the database kept on globalThis under this key.
const DATABASE = Symbol.for("plaza.database");
let f: ResultsFixture;
beforeAll(async () => {
  f = await buildResultsFixture();
  (globalThis as Record<symbol, unknown>)[DATABASE] = Promise.resolve(f.t);
}, 180_000);
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[DATABASE];
  await f.t.close();
});

const file = (slug: string, name: string) =>
  fileGet(new Request(`http://localhost/api/open/districts/${slug}/${name}`), {
    params: Promise.resolve({ slug, file: name }),
  });

describe("getDistrictOpenData", () => {
  it("lists every poll with its rules, and closed polls with the result their poll_closed entry records", async () => {
    const data = await getDistrictOpenData(f.t.db, "riverside");
    expect(data.district.slug).toBe("riverside");
    expect(data.processes).toEqual([]);
    const byId = new Map(data.polls.map((p) => [p.id, p]));
    expect(byId.size).toBe(4);
    const closed = byId.get(f.closedPollId);
    const results = await getPollResults(f.t.db, { pollId: f.closedPollId });
    if (results.status !== "closed") throw new Error("closed poll expected");
    expect(closed).toMatchObject({
      status: "closed",
      options: ["Yes", "No", "Only in summer"],
      result: { counts: [1, 2, 0], turnout: 3, closedAt: results.closedAt },
      closedEntry: results.closedEntry.toString(),
      censusSize: 3,
    });
    // Open and scheduled polls show no partial tally.
    expect(byId.get(f.openPollId)).toMatchObject({ status: "open", result: null, closedEntry: null });
    expect(byId.get(f.scheduledPollId)).toMatchObject({
      status: "scheduled",
      result: null,
      openedEntry: null,
    });
  });

  it("refuses an unknown district with NOT_FOUND", async () => {
    await expect(getDistrictOpenData(f.t.db, "atlantis")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("GET /api/open/districts/…", () => {
  it("lists the districts with the addresses of their downloads, readable cross-origin", async () => {
    const res = await districtsGet();
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await res.json()) as { districts: { slug: string; polls: { csv: string } }[] };
    expect(body.districts).toContainEqual(
      expect.objectContaining({
        slug: "riverside",
        polls: expect.objectContaining({ csv: "/api/open/districts/riverside/polls.csv" }),
      }),
    );
  });

  it("serves polls.json and polls.csv with the same numbers", async () => {
    const json = await file("riverside", "polls.json");
    expect(json.headers.get("content-type")).toMatch(/^application\/json/);
    const data = await json.json();
    expect(data).toEqual(JSON.parse(JSON.stringify(await getDistrictOpenData(f.t.db, "riverside"))));

    const csv = await file("riverside", "polls.csv");
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="plaza-riverside-polls.csv"');
    const text = await csv.text();
    expect(text).toBe(formatPollsCsv(data.polls));
    const closedRows = text.split("\r\n").filter((line) => line.startsWith(`"${f.closedPollId}"`));
    expect(closedRows.map((line) => line.split(",").slice(6, 10))).toEqual([
      ['"0"', '"Yes"', '"1"', '"3"'],
      ['"1"', '"No"', '"2"', '"3"'],
      ['"2"', '"Only in summer"', '"0"', '"3"'],
    ]);
  });

  it("answers an unknown file or district with a typed 404, never a 500", async () => {
    for (const [slug, name] of [
      ["riverside", "secrets.json"],
      ["atlantis", "polls.json"],
      ["riverside", "..%2Fpolls.csv"],
    ] as const) {
      const res = await file(slug, name);
      expect(res.status, `${slug}/${name}`).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    }
  });
});

describe("formatPollsCsv", () => {
  it("defuses text a spreadsheet would run as a formula, and leaves results empty until the close", () => {
    const text = formatPollsCsv([
      {
        id: "p",
        title: '=HYPERLINK("x")',
        method: { kind: "single" },
        status: "open",
        opensAt: "a",
        closesAt: "b",
        options: ["+1", 'say "hi"'],
        censusSize: 12,
        openedEntry: "4",
        closedEntry: null,
        result: null,
      },
    ]);
    const [, first, second] = text.split("\r\n");
    expect(first).toBe(`"p","'=HYPERLINK(""x"")","single","open","a","b","0","'+1","","","12","4",""`);
    expect(second).toContain(`"say ""hi"""`);
  });
});

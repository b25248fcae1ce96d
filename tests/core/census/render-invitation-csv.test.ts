import { describe, expect, it } from "vitest";
import { renderInvitationCsv } from "@/core/census/render-invitation-csv";

describe("renderInvitationCsv", () => {
  it("writes one quoted row per code after a header, with CRLF line ends", () => {
    const csv = renderInvitationCsv({
      districtName: "Old Town",
      joinUrl: "https://plaza.example.org/join",
      codes: ["K7QM-3TXR-9HPW-ZC4D", "2222-3333-4444-5555"],
    });
    expect(csv).toBe(
      '"district","code","join_url"\r\n' +
        '"Old Town","K7QM-3TXR-9HPW-ZC4D","https://plaza.example.org/join"\r\n' +
        '"Old Town","2222-3333-4444-5555","https://plaza.example.org/join"\r\n',
    );
  });

  it("escapes quotes and defuses spreadsheet formulas in the district name", () => {
    const csv = renderInvitationCsv({ districtName: '=HYPERLINK("x")', joinUrl: "u", codes: ["C"] });
    expect(csv.split("\r\n")[1]).toBe('"\'=HYPERLINK(""x"")","C","u"');
  });
});

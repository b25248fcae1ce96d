import { describe, expect, it } from "vitest";
import { renderInvitationLetters } from "@/core/census/render-invitation-letters";

describe("renderInvitationLetters", () => {
  const html = renderInvitationLetters({
    districtName: "Riverside <b>&</b>",
    joinUrl: "https://plaza.example.org/join",
    codes: ["K7QM-3TXR-9HPW-ZC4D", "2222-3333-4444-5555", "ZZZZ-ZZZZ-ZZZZ-ZZZZ"],
  });

  it("prints one letter per code, each with the district, the join address and the code", () => {
    const letters = html.split('<section class="letter">').slice(1);
    expect(letters).toHaveLength(3);
    for (const [i, code] of ["K7QM-3TXR-9HPW-ZC4D", "2222-3333-4444-5555", "ZZZZ-ZZZZ-ZZZZ-ZZZZ"].entries()) {
      expect(letters[i]).toContain(`<p class="code">${code}</p>`);
      expect(letters[i]).toContain("https://plaza.example.org/join");
      expect(letters[i]).toContain("Riverside &lt;b&gt;&amp;&lt;/b&gt;");
    }
  });

  it("is a self-contained document that breaks pages between letters and runs no script", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("break-after: page");
    expect(html).not.toMatch(/<script|<link|src=/i);
    expect(html).not.toContain("<b>");
  });

  it("uses the texts it is given", () => {
    const es = renderInvitationLetters(
      { districtName: "Centro", joinUrl: "u", codes: ["C"] },
      {
        lang: "es",
        title: ({ district }) => `Invitación a ${district}`,
        intro: () => "intro",
        step1: ({ url }) => `Abra ${url}`,
        step2: "paso",
        codeLabel: "Su código",
        privacy: "privado",
        oneTime: "una vez",
      },
    );
    expect(es).toContain('<html lang="es">');
    expect(es).toContain("Invitación a Centro");
  });
});

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { encodeBase64 } from "@/core/encoding";
import { serverApi } from "@/server/api/server-caller";
import { parseLedgerIndex } from "../../_components/entries-query";
import { RecomputeProof } from "../../_components/recompute-proof";

export const dynamic = "force-dynamic";

const card = "flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4";
const code = "whitespace-pre-wrap break-all rounded bg-slate-100 p-3 font-mono text-sm";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ index: string }>;
}): Promise<Metadata> {
  const index = parseLedgerIndex((await params).index);
  const t = await getTranslations("ledger");
  return { title: index === null ? t("title") : t("entry.title", { index: index.toString() }) };
}

/** The entry's canonical JSON, indented for reading (member order is kept: it is already sorted). */
function pretty(data: Uint8Array): string {
  return JSON.stringify(JSON.parse(new TextDecoder().decode(data)), null, 2);
}

export default async function LedgerEntryPage({ params }: { params: Promise<{ index: string }> }) {
  const index = parseLedgerIndex((await params).index);
  if (index === null) notFound();
  const api = await serverApi();
  const [entry, checkpoint] = await Promise.all([api.ledger.entry({ index }), api.ledger.checkpoint()]);
  if (!entry) notFound();
  // Only entries below a signed size have a proof anyone can check against a signature.
  const covered = checkpoint !== null && index < checkpoint.size;
  const proof = covered ? await api.ledger.inclusion({ index }) : null;
  const t = await getTranslations("ledger");
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-2">
        <p>
          <Link href="/ledger" className="text-brand-700 underline underline-offset-4">
            {t("entry.back")}
          </Link>
        </p>
        <h1 className="text-3xl font-bold">{t("entry.title", { index: index.toString() })}</h1>
      </div>

      <section aria-labelledby="details-title" className={card}>
        <h2 id="details-title" className="text-xl font-semibold">
          {t("entry.details")}
        </h2>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">{t("entry.type")}</dt>
          <dd>
            {t(`types.${entry.type}`)} <code className="text-sm text-slate-700">{entry.type}</code>
          </dd>
          <dt className="font-medium">{t("entry.byteLength")}</dt>
          <dd>{t("entry.bytes", { count: entry.data.length })}</dd>
          <dt className="font-medium">{t("entry.leafHash")}</dt>
          <dd className="break-all font-mono" id="leaf-hash">
            {encodeBase64(entry.leafHash)}
          </dd>
        </dl>
        <h3 className="font-semibold">{t("entry.contentTitle")}</h3>
        <p className="max-w-2xl text-slate-700">{t("entry.contentIntro")}</p>
        <pre className={code}>{pretty(entry.data)}</pre>
      </section>

      <section aria-labelledby="proof-title" className={card}>
        <h2 id="proof-title" className="text-xl font-semibold">
          {t("entry.proofTitle")}
        </h2>
        {proof ? (
          <>
            <p className="max-w-2xl text-slate-700">{t("entry.proofIntro")}</p>
            <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
              <dt className="font-medium">{t("entry.proofSize")}</dt>
              <dd className="font-mono">{proof.size.toString()}</dd>
            </dl>
            <h3 className="font-semibold">{t("entry.proofHashes")}</h3>
            {proof.proof.length === 0 ? (
              <p>{t("entry.proofNoHashes")}</p>
            ) : (
              <ol className="list-decimal pl-8 font-mono text-sm">
                {proof.proof.map((h, i) => (
                  // Proof hashes may repeat in principle; their position is their identity.
                  // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed and never reordered
                  <li key={i} className="break-all">
                    {encodeBase64(h)}
                  </li>
                ))}
              </ol>
            )}
          </>
        ) : (
          <p>{t("entry.notCovered")}</p>
        )}
      </section>

      {proof ? (
        <section aria-labelledby="recompute-title" className={card}>
          <h2 id="recompute-title" className="text-xl font-semibold">
            {t("recompute.title")}
          </h2>
          <p className="max-w-2xl text-slate-700">{t("recompute.intro")}</p>
          <RecomputeProof index={index.toString()} />
        </section>
      ) : null}
    </div>
  );
}

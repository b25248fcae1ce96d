import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { serverApi } from "@/server/api/server-caller";
import { outboxEnabled } from "@/server/env";

export const dynamic = "force-dynamic";

/**
 * Development outbox: exists only while no SMTP server is configured, so magic links are never
 * silently dropped on the embedded default. Anyone who can open it can sign in as anyone it lists:
 * configure SMTP_URL for any deployment others can reach.
 */
export default async function OutboxPage() {
  if (!outboxEnabled()) notFound();
  const t = await getTranslations("outbox");
  const format = await getFormatter();
  const messages = await (await serverApi()).outbox.list();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="max-w-2xl rounded border border-amber-400 bg-amber-50 p-3">{t("warning")}</p>
      {messages.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <ol className="flex flex-col gap-4">
          {messages.map((m) => (
            <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="font-semibold">{m.subject}</h2>
              <p className="text-sm text-slate-700">
                {t("to", { to: m.to })} ·{" "}
                {format.dateTime(m.createdAt, { dateStyle: "medium", timeStyle: "medium" })}
              </p>
              <pre className="mt-2 whitespace-pre-wrap break-all text-sm">{m.text}</pre>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p>{t("body")}</p>
      <p>
        <Link href="/" className="text-brand-700 underline underline-offset-4">
          {t("home")}
        </Link>
      </p>
    </div>
  );
}

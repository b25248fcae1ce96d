import { getTranslations } from "next-intl/server";

export default async function CheckEmailPage() {
  const t = await getTranslations("checkEmail");
  return (
    <div className="flex flex-col gap-4" role="status">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="max-w-2xl">{t("body")}</p>
    </div>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "../_lib/trpc-provider";
import { FormError } from "./form-error";

const field = "rounded border border-slate-500 px-3 py-2";

export function CreateDistrictForm() {
  const t = useTranslations("admin");
  const trpc = useTRPC();
  const router = useRouter();
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation(
    trpc.district.create.mutationOptions({
      onSuccess: (d) => {
        setCreated(d.name);
        router.refresh();
      },
    }),
  );
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        setCreated(null);
        create.mutate(
          {
            name: String(form.get("name") ?? ""),
            slug: String(form.get("slug") ?? ""),
            description: String(form.get("description") ?? ""),
          },
          { onSuccess: () => (e.target as HTMLFormElement).reset() },
        );
      }}
    >
      <label htmlFor="district-name" className="font-medium">
        {t("districtName")}
      </label>
      <input id="district-name" name="name" required minLength={2} maxLength={120} className={field} />
      <label htmlFor="district-slug" className="font-medium">
        {t("districtSlug")}
      </label>
      <input
        id="district-slug"
        name="slug"
        required
        pattern="[a-z0-9]+(-[a-z0-9]+)*"
        aria-describedby="district-slug-hint"
        className={field}
      />
      <p id="district-slug-hint" className="text-sm text-slate-700">
        {t("districtSlugHint")}
      </p>
      <label htmlFor="district-description" className="font-medium">
        {t("districtDescription")}
      </label>
      <textarea id="district-description" name="description" maxLength={2000} rows={3} className={field} />
      <FormError error={create.error} />
      {created ? (
        <p role="status" className="text-green-800">
          {t("districtCreated", { name: created })}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={create.isPending}
        className="self-start rounded bg-brand-600 px-4 py-2 font-semibold text-white disabled:opacity-60"
      >
        {t("createDistrict")}
      </button>
    </form>
  );
}

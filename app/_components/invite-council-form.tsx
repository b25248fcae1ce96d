"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "../_lib/trpc-provider";
import { FormError } from "./form-error";

const field = "rounded border border-slate-500 px-3 py-2";

export function InviteCouncilForm({ districts }: { districts: { id: string; name: string }[] }) {
  const t = useTranslations("admin");
  const trpc = useTRPC();
  const router = useRouter();
  const [invited, setInvited] = useState<{ email: string; delivered: "smtp" | "outbox" } | null>(null);
  const invite = useMutation(trpc.council.invite.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const formEl = e.currentTarget;
        const form = new FormData(formEl);
        const email = String(form.get("email") ?? "");
        setInvited(null);
        invite.mutate(
          { districtId: String(form.get("districtId") ?? ""), email, name: String(form.get("name") ?? "") },
          {
            onSuccess: (r) => {
              setInvited({ email, delivered: r.delivered });
              formEl.reset();
            },
          },
        );
      }}
    >
      <label htmlFor="invite-district" className="font-medium">
        {t("inviteDistrict")}
      </label>
      <select id="invite-district" name="districtId" required className={field}>
        {districts.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
      <label htmlFor="invite-name" className="font-medium">
        {t("inviteName")}
      </label>
      <input id="invite-name" name="name" required maxLength={120} autoComplete="off" className={field} />
      <label htmlFor="invite-email" className="font-medium">
        {t("inviteEmail")}
      </label>
      <input id="invite-email" name="email" type="email" required autoComplete="off" className={field} />
      <FormError error={invite.error} />
      {invited ? (
        <p role="status" className="text-green-800">
          {invited.delivered === "smtp"
            ? t("invitedSmtp", { email: invited.email })
            : t("invitedOutbox", { email: invited.email })}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={invite.isPending || districts.length === 0}
        className="self-start rounded bg-brand-600 px-4 py-2 font-semibold text-white disabled:opacity-60"
      >
        {t("invite")}
      </button>
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { requestSignIn, type SignInState } from "../_actions/request-sign-in";

export function SignInForm({ next }: { next?: string }) {
  const t = useTranslations("signIn");
  const [state, action, pending] = useActionState<SignInState, FormData>(requestSignIn, { error: null });
  return (
    <form action={action} className="flex max-w-md flex-col gap-3" noValidate>
      <label htmlFor="email" className="font-medium">
        {t("emailLabel")}
      </label>
      <input
        id="email"
        name="email"
        type="email"
        autoComplete="email"
        required
        aria-invalid={state.error === "invalidEmail"}
        aria-describedby={state.error ? "signin-error" : undefined}
        className="rounded border border-slate-500 px-3 py-2"
      />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {state.error ? (
        <p id="signin-error" role="alert" className="text-red-700">
          {t(`errors.${state.error}`)}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="self-start rounded bg-brand-600 px-4 py-2 font-semibold text-white disabled:opacity-60"
      >
        {pending ? t("sending") : t("submit")}
      </button>
    </form>
  );
}

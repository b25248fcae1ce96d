"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { commentMessage } from "@/core/participation";
import type { TArtifactUrlsByDepth, TProcessCensus } from "../_lib/participation/act-anonymously";
import { useAnonymousAct } from "../_lib/participation/use-anonymous-act";
import { postAnonymous } from "../_lib/prover/anonymous-request";
import { useTRPC } from "../_lib/trpc-provider";
import { FormError } from "./form-error";
import { ParticipationError } from "./participation-error";
import { ParticipationIdentity } from "./participation-identity";
import { ParticipationProgress } from "./participation-progress";
import { ProposalModerate } from "./proposal-moderate";

export interface TProposalComment {
  id: string;
  parentId: string | null;
  body: string | null;
  author: { kind: "council"; name: string } | { kind: "anonymous" };
  entryIndex: string;
  hidden: boolean;
  hiddenReason: string | null;
  moderationEntry: string | null;
}

interface TCommentContext {
  proposalId: string;
  commentsPerResident: number;
  census: TProcessCensus | null;
  artifacts: TArtifactUrlsByDepth | null;
  district: { slug: string; name: string };
  isCouncil: boolean;
  /** False when the proposal is hidden: it takes no comments. */
  open: boolean;
}

const link = "text-brand-700 underline underline-offset-4";

/** The comment threads of a proposal, one level deep, with the forms to comment and reply. */
export function ProposalComments({
  comments,
  ...ctx
}: TCommentContext & { comments: (TProposalComment & { replies: TProposalComment[] })[] }) {
  const t = useTranslations("participation.comments");
  return (
    <section aria-labelledby="comments-title" className="flex flex-col gap-3">
      <h3 id="comments-title" className="text-xl font-semibold">
        {/* Replies included, as the process's list of proposals counts them. */}
        {t("title", { count: comments.reduce((n, c) => n + 1 + c.replies.length, 0) })}
      </h3>
      {comments.length === 0 ? <p>{t("none")}</p> : null}
      <ul className="flex flex-col gap-3">
        {comments.map((c) => (
          <li key={c.id} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3">
            <Comment comment={c} ctx={ctx} />
            {c.replies.length > 0 ? (
              <ul
                aria-label={t("repliesTo", { index: c.entryIndex })}
                className="ml-6 flex flex-col gap-2 border-l-2 border-slate-200 pl-3"
              >
                {c.replies.map((r) => (
                  <li key={r.id} className="flex flex-col gap-2">
                    <Comment comment={r} ctx={ctx} />
                  </li>
                ))}
              </ul>
            ) : null}
            {ctx.open && !c.hidden ? <ReplyToggle parentId={c.id} ctx={ctx} index={c.entryIndex} /> : null}
          </li>
        ))}
      </ul>
      {ctx.open ? <CommentForm parentId={null} ctx={ctx} /> : <p>{t("closed")}</p>}
    </section>
  );
}

function Comment({ comment: c, ctx }: { comment: TProposalComment; ctx: TCommentContext }) {
  const t = useTranslations("participation");
  const who =
    c.author.kind === "council" ? t("author.council", { name: c.author.name }) : t("author.anonymous");
  return (
    <article
      aria-label={t("comments.one", { author: who, index: c.entryIndex })}
      className="flex flex-col gap-1"
    >
      <p className="flex flex-wrap gap-x-3 text-sm text-slate-700">
        <span className="font-medium">{who}</span>
        <Link href={`/ledger/entries/${c.entryIndex}`} prefetch={false} className={link}>
          {t("entryLink", { index: c.entryIndex })}
        </Link>
      </p>
      {c.hidden ? (
        <p className="text-red-900">
          {t("badge.hidden", { reason: c.hiddenReason ?? "" })}{" "}
          {c.moderationEntry ? (
            <Link href={`/ledger/entries/${c.moderationEntry}`} prefetch={false} className={link}>
              {t("entryLink", { index: c.moderationEntry })}
            </Link>
          ) : null}
        </p>
      ) : null}
      {c.body !== null ? <p className="whitespace-pre-wrap">{c.body}</p> : null}
      {ctx.isCouncil ? (
        <ProposalModerate
          target={{ kind: "comment", id: c.id }}
          hidden={c.hidden}
          name={t("comments.entry", { index: c.entryIndex })}
        />
      ) : null}
    </article>
  );
}

function ReplyToggle({ parentId, ctx, index }: { parentId: string; ctx: TCommentContext; index: string }) {
  const t = useTranslations("participation.comments");
  const [open, setOpen] = useState(false);
  // The entry of the reply just sent: said beside the button once the reply form closes.
  const [sent, setSent] = useState<string | null>(null);
  if (!open)
    return (
      <div className="flex flex-col gap-1">
        <p aria-live="polite" className="text-sm text-green-900">
          {sent ? t("done", { index: sent }) : ""}
        </p>
        <button
          type="button"
          onClick={() => setOpen(true)}
          aria-label={t("replyTo", { index })}
          className="self-start rounded border border-slate-400 px-3 py-1 text-sm"
        >
          {t("reply")}
        </button>
      </div>
    );
  return (
    <CommentForm
      parentId={parentId}
      ctx={ctx}
      replyTo={index}
      onDone={(entry) => {
        setSent(entry);
        setOpen(false);
      }}
    />
  );
}

function CommentForm({
  parentId,
  ctx,
  replyTo,
  onDone,
}: {
  parentId: string | null;
  ctx: TCommentContext;
  replyTo?: string;
  onDone?: (index: string) => void;
}) {
  const t = useTranslations("participation.comments");
  const ids = useId();
  const router = useRouter();
  const trpc = useTRPC();
  const anon = useAnonymousAct({ census: ctx.census, artifacts: ctx.isCouncil ? null : ctx.artifacts });
  const post = useMutation(trpc.proposal.comment.mutationOptions());
  const [body, setBody] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const working = anon.stage !== null || post.isPending;
  const canAct = ctx.isCouncil || (anon.identity && ctx.census && ctx.artifacts);
  const label = replyTo ? t("replyTo", { index: replyTo }) : t("new");

  async function submit() {
    setDone(null);
    const text = body.trim();
    if (text === "") return;
    const content = { proposalId: ctx.proposalId, parentId, body: text };
    let index: string | null = null;
    if (ctx.isCouncil) {
      index = (await post.mutateAsync(content).catch(() => null))?.index ?? null;
    } else {
      const result = await anon.run({
        act: "comment",
        targetId: ctx.proposalId,
        slots: ctx.commentsPerResident,
        message: commentMessage(content).toString(),
        send: (slot, proof) =>
          postAnonymous<{ commentId: string; index: string }>("/api/anon/comment", {
            ...content,
            slot,
            proof,
          }),
      });
      index = result?.reply.index ?? null;
    }
    if (index === null) return;
    setBody("");
    setDone(index);
    router.refresh();
    onDone?.(index);
  }

  return (
    <div className="flex flex-col gap-2">
      {ctx.isCouncil ? (
        <p className="text-sm text-slate-700">{t("asCouncil")}</p>
      ) : (
        <ParticipationIdentity
          identity={anon.identity}
          hasCensus={ctx.census !== null}
          district={ctx.district}
        />
      )}
      {canAct ? (
        <form
          aria-label={label}
          aria-busy={working}
          className="flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label htmlFor={`${ids}-body`} className="font-medium">
            {replyTo ? t("replyLabel") : t("label")}
          </label>
          <textarea
            id={`${ids}-body`}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            required
            maxLength={5_000}
            rows={3}
            disabled={working}
            className="rounded border border-slate-400 px-3 py-2"
          />
          <FormError error={post.error} />
          <ParticipationError code={anon.error} />
          <ParticipationProgress stage={anon.stage} label={t("progress")} />
          <button
            type="submit"
            disabled={working}
            className="self-start rounded bg-brand-600 px-4 py-2 font-semibold text-white disabled:opacity-60"
          >
            {replyTo ? t("sendReply") : t("send")}
          </button>
        </form>
      ) : null}
      <p aria-live="polite" className="text-sm text-green-900">
        {done ? t("done", { index: done }) : ""}
      </p>
    </div>
  );
}

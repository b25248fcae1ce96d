"use client";

import { useEffect, useRef, useState } from "react";
import { getIdentity, type StoredIdentity } from "../identity-store";
import { residentErrorCode } from "../prover/anonymous-request";
import { artifactRef, prefetchArtifacts } from "../prover/load-artifact";
import { VoteProver } from "../prover/prove-in-worker";
import type { TVoteStage } from "../prover/prover-protocol";
import {
  actAnonymously,
  type TAnonymousAct,
  type TArtifactUrlsByDepth,
  type TProcessCensus,
} from "./act-anonymously";

type TActRequest<T> = Pick<TAnonymousAct<T>, "act" | "targetId" | "slots" | "message" | "send">;

/**
 * A resident's anonymous acts on one page: the identity this browser holds for the district
 * (undefined while looking, null for none), one prover worker for the page's lifetime, the stage
 * of the act in progress and its error code.
 */
export function useAnonymousAct({
  census,
  artifacts,
}: {
  census: TProcessCensus | null;
  artifacts: TArtifactUrlsByDepth | null;
}) {
  const prover = useRef<VoteProver | null>(null);
  const [identity, setIdentity] = useState<StoredIdentity | null | undefined>(undefined);
  const [stage, setStage] = useState<TVoteStage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const districtId = census?.districtId ?? null;

  useEffect(() => {
    let live = true;
    if (districtId === null) {
      setIdentity(null);
      return;
    }
    getIdentity(districtId)
      .then((id) => live && setIdentity(id ?? null))
      .catch(() => live && setIdentity(null));
    return () => {
      live = false;
      prover.current?.terminate();
      prover.current = null;
    };
  }, [districtId]);

  /** Runs one act; resolves with its reply, or null after setting the error code. */
  async function run<T>(request: TActRequest<T>): Promise<{ reply: T; slot: number } | null> {
    if (!identity || !census || !artifacts) return null;
    setError(null);
    void prefetchArtifacts(
      Object.values(artifacts)
        .slice(0, 1)
        .flatMap((a) => [artifactRef(a.wasm), artifactRef(a.zkey)]),
    );
    try {
      prover.current ??= new VoteProver();
      return await actAnonymously({
        ...request,
        prover: prover.current,
        identity,
        census,
        artifacts,
        onStage: setStage,
      });
    } catch (e) {
      setError(residentErrorCode(e));
      return null;
    } finally {
      setStage(null);
    }
  }

  return { identity, stage, error, setError, run };
}

"use client";

import { useLocale } from "next-intl";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * A moment shown in the reader's own time zone. The server cannot know that zone, so the first
 * render (server and hydration) shows UTC, and the browser then switches to local time.
 */
export function CouncilLocalTime({ date }: { date: Date | string }) {
  const locale = useLocale();
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const d = typeof date === "string" ? new Date(date) : date;
  const text = new Intl.DateTimeFormat(locale, {
    // dateStyle/timeStyle cannot be combined with timeZoneName, hence the separate fields.
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: inBrowser ? undefined : "UTC",
    timeZoneName: "short",
  }).format(d);
  return <time dateTime={d.toISOString()}>{text}</time>;
}

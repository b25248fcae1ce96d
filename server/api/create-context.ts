import "server-only";
import { getActor } from "../auth/get-actor";
import { getDb } from "../db/get-db";
import { requestLocale } from "../i18n/request-locale";
import type { Context } from "./trpc";

/** Builds the tRPC context for one request: the database, who is asking, and their language. */
export async function createContext(headers: Headers): Promise<Context> {
  return { db: await getDb(), actor: await getActor(), locale: requestLocale(headers) };
}

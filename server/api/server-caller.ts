import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createContext } from "./create-context";
import { createCaller } from "./root";

/** tRPC caller for React Server Components: same procedures, same authorization, no HTTP hop. */
export const serverApi = cache(async () => createCaller(await createContext(await headers())));

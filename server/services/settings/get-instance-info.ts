import type { DbOrTx } from "../../db/client";
import { outboxEnabled } from "../../env";
import { getSetting } from "./get-setting";

/** Public facts about this Plaza instance, shown in the page header and footer. */
export async function getInstanceInfo(db: DbOrTx) {
  return { cityName: await getSetting(db, "city_name"), outboxEnabled: outboxEnabled() };
}

import type { Db } from "../../db/client";
import { seedDemoCity } from "./seed-demo-city";
import { type DemoPollsSeed, seedDemoPolls } from "./seed-demo-polls";

export interface DemoSeed {
  /** Demo City (districts and councils) was seeded by this call. */
  city: boolean;
  /** Riverside's demo polls and the printable invitation codes, when seeded by this call. */
  polls: DemoPollsSeed | null;
}

/**
 * The demo seed as a start runs it (PLAZA_SEED_DEMO decides `enabled`): Demo City, then its
 * polls and invitation codes. Each step has its own marker and runs once per database, so a
 * database seeded before a step existed gets that step at its next start.
 */
export async function seedDemo(
  db: Db,
  options: { enabled: boolean; adminId: string; origin: string },
): Promise<DemoSeed> {
  if (!options.enabled) return { city: false, polls: null };
  const { seeded } = await seedDemoCity(db, options.adminId);
  const polls = await seedDemoPolls(db, { origin: options.origin });
  return { city: seeded, polls };
}

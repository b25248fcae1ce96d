import "server-only";
import type { ReactNode } from "react";
import {
  CouncilDistrictHeader,
  CouncilOnly,
  type TCouncilSection,
} from "@/app/_components/council-district-header";
import { type CouncilDistrict, councilDistrict } from "./council-district";

/**
 * The frame every council section page of a district shares: the district (signed-out visitors
 * go to sign in and come back), the page's header with the section marked, and, for someone not
 * on this council, the page to show instead of the forms (`refusal`, null for a member).
 */
export async function councilSection(
  slug: string,
  section: TCouncilSection,
  titleOf: (districtName: string) => string,
): Promise<{ district: CouncilDistrict; header: ReactNode; refusal: ReactNode | null }> {
  const { district, member } = await councilDistrict(slug, `/dashboard/districts/${slug}/${section}`);
  const header = (
    <CouncilDistrictHeader district={district} title={titleOf(district.name)} current={section} />
  );
  const refusal = member ? null : (
    <div className="flex flex-col gap-6">
      {header}
      <CouncilOnly district={district} />
    </div>
  );
  return { district, header, refusal };
}

import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { serverApi } from "@/server/api/server-caller";
import { getActor } from "@/server/auth/get-actor";
import { ZDistrictSlug } from "@/server/services/districts/create-district";

export interface CouncilDistrict {
  id: string;
  slug: string;
  name: string;
}

/**
 * The district of a council page, and whether the signed-in person sits on its council: someone
 * signed out goes to sign-in (and comes back to `next`), an unknown slug is a 404, and anyone not
 * on this council gets `member: false` so the page can say so (every procedure the page would
 * call refuses them with FORBIDDEN anyway; this only avoids showing forms that cannot work).
 */
export const councilDistrict = cache(
  async (slug: string, next: string): Promise<{ district: CouncilDistrict; member: boolean }> => {
    if (!(await getActor())) redirect(`/signin?next=${encodeURIComponent(next)}`);
    if (!ZDistrictSlug.safeParse(slug).success) notFound();
    const api = await serverApi();
    const me = await api.council.dashboard();
    const mine = me.councils.find((c) => c.slug === slug);
    if (mine) return { district: mine, member: true };
    const summary = await api.census.summary({ districtSlug: slug }).catch(() => null);
    if (!summary) notFound();
    return {
      district: { id: summary.districtId, slug: summary.districtSlug, name: summary.districtName },
      member: false,
    };
  },
);

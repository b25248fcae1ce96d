/** A district as the join page knows it. */
export interface DistrictRef {
  id: string;
  slug: string;
  name: string;
}

import { z } from 'zod';

/** A WGS-84 position. Stored as WGS-84 always; GCJ-02 exists only for display on GCJ-02 basemaps. */
export const LonLatSchema = z.object({
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
});
export type LonLat = z.infer<typeof LonLatSchema>;

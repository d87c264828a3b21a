import { getJson } from '../../../lib/api-client';
import { JsonResponse, Schemas } from '../../../lib/api/types';

/** Two products that look alike: ids (a < b) and their cosine in the index's search space. */
export type DuplicatePair = Schemas['DuplicatePair'];

export type PairedProduct = Schemas['PairedProduct'];

/** GET /api/products/duplicates: the pairs at or above `threshold`, best first, and the products they name. */
export type DuplicatesReport = JsonResponse<'/api/products/duplicates', 'get'>;

export function duplicatesUrl(threshold?: number): string {
  return threshold == null ? '/api/products/duplicates' : `/api/products/duplicates?threshold=${encodeURIComponent(threshold)}`;
}

/** Without a threshold the server's default applies (echoed in the report). */
export function fetchDuplicates(threshold?: number, signal?: AbortSignal): Promise<DuplicatesReport> {
  return getJson<DuplicatesReport>(duplicatesUrl(threshold), { signal });
}

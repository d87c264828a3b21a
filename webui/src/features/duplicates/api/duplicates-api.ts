import { getJson } from '../../../lib/api-client';

/** Two products that look alike: ids (a < b) and their cosine in the index's search space. */
export interface DuplicatePair {
  a: number;
  b: number;
  score: number;
}

export interface PairedProduct {
  id: number;
  title: string;
  category: string;
  imageUrl: string;
  thumbnailUrl: string;
}

/** GET /api/products/duplicates: the pairs at or above `threshold`, best first, and the products they name. */
export interface DuplicatesReport {
  threshold: number;
  pairs: DuplicatePair[];
  total: number;
  products: PairedProduct[];
  space: string;
  indexed: number;
  neighbours: number;
  computedAt: string;
  computeMs: number;
  stale: boolean;
}

export function duplicatesUrl(threshold?: number): string {
  return threshold == null ? '/api/products/duplicates' : `/api/products/duplicates?threshold=${encodeURIComponent(threshold)}`;
}

/** Without a threshold the server's default applies (echoed in the report). */
export function fetchDuplicates(threshold?: number, signal?: AbortSignal): Promise<DuplicatesReport> {
  return getJson<DuplicatesReport>(duplicatesUrl(threshold), { signal });
}

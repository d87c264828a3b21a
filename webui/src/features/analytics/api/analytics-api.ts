import { getJson } from '../../../lib/api-client';
import { JsonResponse, Refine, Schemas, WithAbsent, WithNull } from '../../../lib/api/types';

/** The schema types `method` as a string; these are the two the server computes. */
export type ProjectionMethod = 'tsne' | 'pca';

/** One product on the map; clusterId is null for a product no cluster run has placed. */
export type ProjectionPoint = WithNull<Schemas['Point'], 'clusterId'>;

export type Projection = Refine<
  JsonResponse<'/api/analytics/projection', 'get'>,
  { method: ProjectionMethod; points: ProjectionPoint[] }
>;

/**
 * GET /api/analytics/search-metrics: counts, latency percentiles, zero-result rate, by-day series (`day` an ISO date),
 * top categories and modes. `feedback` (shoppers' verdicts: share of searches judged, precision of "good" verdicts on
 * results ranked 1..k) is null before any verdict; the page does not use `clusterDistribution`.
 */
export type SearchMetrics = Refine<
  WithAbsent<JsonResponse<'/api/analytics/search-metrics', 'get'>, 'clusterDistribution'>,
  { feedback?: Schemas['Feedback'] | null }
>;

export function fetchProjection(method: ProjectionMethod, signal?: AbortSignal): Promise<Projection> {
  return getJson<Projection>(`/api/analytics/projection?method=${method}`, { signal });
}

export function fetchSearchMetrics(signal?: AbortSignal): Promise<SearchMetrics> {
  return getJson<SearchMetrics>('/api/analytics/search-metrics', { signal });
}

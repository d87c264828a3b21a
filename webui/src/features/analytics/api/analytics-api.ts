import { getJson } from '../../../lib/api-client';

export type ProjectionMethod = 'tsne' | 'pca';

export interface ProjectionPoint {
  productId: number;
  x: number;
  y: number;
  clusterId: number | null;
  category: string;
}

export interface Projection {
  method: ProjectionMethod;
  model: string;
  points: ProjectionPoint[];
}

/**
 * GET /api/analytics/search-metrics. API.md lists only "counts, latency percentiles, zero-result rate, by-day series,
 * top categories"; this is the shape we assume. Adjust it here (the only place) when the server's shape is final.
 */
export interface SearchMetrics {
  totalSearches: number;
  /** 0..1 */
  zeroResultRate: number;
  latencyMs: { p50: number; p95: number; p99: number };
  /** 0..1, share of image searches whose query vector came from the cache. */
  embedCacheHitRate: number;
  /** 95th percentile of the wait for an inference slot. */
  queueP95Ms: number;
  /** `day` is an ISO date (YYYY-MM-DD). */
  byDay: { day: string; count: number; p50Ms: number }[];
  topCategories: { category: string; count: number }[];
  byMode: { mode: string; count: number }[];
  /** Shoppers' verdicts: share of searches judged, and the share of "good" among verdicts on results ranked 1..k. */
  feedback?: { searchesWithFeedback: number; share: number; good: number; bad: number; k: number; precisionAtK: number };
}

export function fetchProjection(method: ProjectionMethod, signal?: AbortSignal): Promise<Projection> {
  return getJson<Projection>(`/api/analytics/projection?method=${method}`, { signal });
}

export function fetchSearchMetrics(signal?: AbortSignal): Promise<SearchMetrics> {
  return getJson<SearchMetrics>('/api/analytics/search-metrics', { signal });
}

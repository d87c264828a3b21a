import { apiFetch } from '../../../lib/api-client';

export type CamMethod = 'gradcam' | 'simmap' | 'scorecam' | 'occlusion';
export const CAM_METHODS: CamMethod[] = ['gradcam', 'simmap', 'scorecam', 'occlusion'];
export type ExplainView = 'overlay' | 'heatmap';
/**
 * Which image of the pair the heatmap is drawn for. API.md does not define this parameter yet; the contract we
 * propose is `side=result` (default: the matched product, as today) or `side=query` (the query image, or product
 * `a` in a product-to-product explanation). A server that ignores it returns the result side twice.
 */
export type ExplainSide = 'query' | 'result';

export type ExplainTarget =
  | { kind: 'search'; queryId: string; productId: string }
  | { kind: 'products'; a: string; b: string };

/**
 * What the search that led to an explanation knows, when this tab ran it: the match's rank and score, and the
 * original query image (null when it cannot be shown, e.g. a region search, whose heatmap is for the region only).
 * Client-side state, not an API shape.
 */
export interface SearchOrigin {
  match?: { rank: number; score: number };
  queryImage: string | null;
}

export function explainUrl(target: ExplainTarget, view: ExplainView, method: CamMethod, side: ExplainSide): string {
  const params = new URLSearchParams({ view, method, side });
  const path =
    target.kind === 'search'
      ? `/api/explain/${encodeURIComponent(target.queryId)}/${encodeURIComponent(target.productId)}`
      : `/api/products/${encodeURIComponent(target.a)}/explain/${encodeURIComponent(target.b)}`;
  return `${path}?${params}`;
}

/** Client-side: the explanation PNG (binary, so no JSON schema) and its X-Cache header. */
export interface ExplainImage {
  blob: Blob;
  /** From the `X-Cache: hit|miss` header; null when the server did not send it. */
  cache: 'hit' | 'miss' | null;
}

/**
 * Fetches an explanation PNG (rather than pointing an <img> at it) so that problem+json errors become readable
 * messages and the X-Cache header can be shown. Rejects when the answer is not an image (e.g. a JSON heatmap).
 */
export async function fetchExplainImage(url: string, signal?: AbortSignal): Promise<ExplainImage> {
  const response = await apiFetch(url, { signal, accept: 'image/png,image/*' });
  const type = response.headers.get('content-type') ?? '';
  if (type && !type.startsWith('image/')) {
    throw new Error(`Expected an image, got ${type}`);
  }
  const cache = response.headers.get('x-cache')?.toLowerCase();
  return { blob: await response.blob(), cache: cache === 'hit' || cache === 'miss' ? cache : null };
}

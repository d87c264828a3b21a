import { apiFetch, getJson, sendJson } from '../../../lib/api-client';
import { JsonRequest, JsonResponse, Refine, Schemas, WithAbsent } from '../../../lib/api/types';

// The schema types mode, strategy and verdict as strings (Java String fields); these unions are the values they take.
export type SearchMode = 'exact' | 'ann' | 'cluster';
export const SEARCH_MODES: SearchMode[] = ['exact', 'ann', 'cluster'];
export const MAX_K = 100;

/**
 * One result. `score`: cosine in the index's space (whitened when the index learned a whitening); `relevance` (0..1):
 * the score read against the catalogue's own scores (1 = as close as its look-alikes). API.md's result shape has
 * neither `relevance` nor `price`, so both may be absent (an absent price is loaded lazily from the product); a price
 * is null for a product without one.
 */
export type SearchResult = Refine<WithAbsent<Schemas['SearchHit'], 'relevance'>, { price?: number | null }>;

/**
 * The search answer (written without its null components). `queryId` is absent for a search by words alone: no
 * picture to explain or to give feedback on. `note`: what the server wants the shopper to know (a mode it fell back
 * from, how words were fused). `noCloseMatch`: even the best result is not near enough to call a match.
 * `photoShift`: the photo shift a busy query photo went through (salient framing and a photo pool only).
 */
export type SearchResponse = Refine<
  WithAbsent<
    JsonResponse<'/api/search', 'post'>,
    'queryId' | 'requestedMode' | 'queueMs' | 'embedCache' | 'photoShift' | 'textEmbedMs' | 'note'
  >,
  { results: SearchResult[] }
>;

/** What a shopper reads for a relevance: a word, never a raw cosine. */
export function relevanceLabel(relevance: number): string {
  if (relevance >= 0.75) return 'Close match';
  if (relevance >= 0.5) return 'Similar';
  return 'Weak match';
}

/** The search form's state (client-side; sent as the form fields or query parameters below). */
export interface SearchFilters {
  k: number;
  /** '' = all categories. */
  category: string;
  /** '' = let the server choose. */
  mode: SearchMode | '';
}

export const DEFAULT_FILTERS: SearchFilters = { k: 24, category: '', mode: '' };

export function clampK(k: number): number {
  if (!Number.isFinite(k)) return DEFAULT_FILTERS.k;
  return Math.min(MAX_K, Math.max(1, Math.round(k)));
}

/** A region of the query image, as fractions of its width and height (origin top left). */
export type Box = Pick<Schemas['Proposal'], 'x' | 'y' | 'w' | 'h'>;

/**
 * A region the server proposes ("shop the look"); score = its share of the image's foreground. API.md allows a
 * `label`, which this server's schema does not have: shown when a server sends one.
 */
export type ProposedBox = Schemas['Proposal'] & { label?: string };

export function boxParam(box: Box): string {
  return [box.x, box.y, box.w, box.h].map((v) => Number(v.toFixed(4))).join(',');
}

/**
 * POST /api/search, multipart: image, k, category, mode, the region `box` when one is drawn, and `text` when words
 * go with the picture (the server fuses both rankings).
 */
export function searchByImage(
  image: Blob,
  filters: SearchFilters,
  signal?: AbortSignal,
  box?: Box | null,
  words?: string,
): Promise<SearchResponse> {
  const form = new FormData();
  form.append('image', image, image instanceof File ? image.name : 'query.png');
  if (box) form.append('box', boxParam(box));
  if (words) form.append('text', words);
  form.append('k', String(clampK(filters.k)));
  if (filters.category) form.append('category', filters.category);
  if (filters.mode) form.append('mode', filters.mode);
  return sendJson<SearchResponse>('/api/search', { method: 'POST', body: form, signal });
}

/**
 * GET /api/products/{id}/similar?k=&mode=. API.md defines no category filter here; we pass `category` too and
 * also filter client-side, so the filter works whether or not the server honours it.
 */
export async function searchSimilar(productId: number, filters: SearchFilters, signal?: AbortSignal): Promise<SearchResponse> {
  const params = new URLSearchParams({ k: String(clampK(filters.k)) });
  if (filters.mode) params.set('mode', filters.mode);
  if (filters.category) params.set('category', filters.category);
  const response = await getJson<SearchResponse>(`/api/products/${productId}/similar?${params}`, { signal });
  if (!filters.category) return response;
  return { ...response, results: response.results.filter((r) => r.category === filters.category) };
}

/** GET /api/search/text?q=&k=&category=: products whose title and category read like the words. */
export function searchByWords(words: string, filters: SearchFilters, signal?: AbortSignal): Promise<SearchResponse> {
  const params = new URLSearchParams({ q: words, k: String(clampK(filters.k)) });
  if (filters.category) params.set('category', filters.category);
  return getJson<SearchResponse>(`/api/search/text?${params}`, { signal });
}

export type ExampleStrategy = 'average' | 'best';
export type Verdict = 'good' | 'bad';

type ExamplesBody = JsonRequest<'/api/search/examples', 'post'>;

/** `queryId`: the image search being refined; its photo counts as one more positive example. */
export type ExamplesQuery = Pick<ExamplesBody, 'positive' | 'negative'> & {
  queryId?: ExamplesBody['queryId'];
  strategy?: ExampleStrategy;
};

/** POST /api/search/examples: more like the positives, less like the negatives. */
export function searchByExamples(examples: ExamplesQuery, filters: SearchFilters, signal?: AbortSignal): Promise<SearchResponse> {
  const body: Partial<ExamplesBody> = { ...examples, k: clampK(filters.k) };
  if (filters.category) body.category = filters.category;
  if (filters.mode) body.mode = filters.mode;
  return sendJson<SearchResponse>('/api/search/examples', { method: 'POST', json: body, signal });
}

/** POST /api/feedback: a verdict on one result of an image search (204). */
export async function sendFeedback(queryId: string, productId: number, verdict: Verdict): Promise<void> {
  const body: JsonRequest<'/api/feedback', 'post'> = { queryId, productId, verdict };
  await apiFetch('/api/feedback', { method: 'POST', json: body });
}

/** POST /api/objects: regions of the image worth searching on their own (empty on a busy photo). */
export async function findObjects(image: Blob, signal?: AbortSignal): Promise<ProposedBox[]> {
  const form = new FormData();
  form.append('image', image, image instanceof File ? image.name : 'query.png');
  const answer = await sendJson<JsonResponse<'/api/objects', 'post'> | undefined>('/api/objects', { method: 'POST', body: form, signal });
  return answer?.boxes ?? [];
}

/**
 * The search page's state, kept outside React so it survives navigating to an explanation and back
 * (and so the explain page can show the original query image).
 */
import { useSyncExternalStore } from 'react';
import { isAbort } from '../../../lib/api-client';
import { Product } from '../../../lib/api/products';
import {
  DEFAULT_FILTERS,
  Box,
  ExampleStrategy,
  findObjects,
  ProposedBox,
  searchByExamples,
  searchByImage,
  searchByWords,
  SearchFilters,
  SearchResponse,
  searchSimilar,
  sendFeedback,
  Verdict,
} from '../api/search-api';

export type QuerySource =
  | { kind: 'image'; file: Blob; name: string; previewUrl: string }
  | { kind: 'product'; product: Product }
  | { kind: 'words'; words: string };

export interface SearchState {
  source: QuerySource | null;
  filters: SearchFilters;
  status: 'idle' | 'loading' | 'done' | 'error';
  response: SearchResponse | null;
  error: unknown;
  /** The shopper's marks on results of this query (kept while refining it). */
  verdicts: Record<number, Verdict>;
  /** True when the results come from "more like these" rather than from the query alone. */
  refined: boolean;
  /** The region of the query image searched with (null: the whole image). */
  box: Box | null;
  /** Regions the server proposed for the query image. */
  proposals: ProposedBox[];
  /** Words that go with the query image (fused with it), or the words searched alone. */
  words: string;
}

const initial: SearchState = {
  source: null,
  filters: DEFAULT_FILTERS,
  status: 'idle',
  response: null,
  error: null,
  verdicts: {},
  refined: false,
  box: null,
  proposals: [],
  words: '',
};
let state: SearchState = initial;
let controller: AbortController | null = null;
const listeners = new Set<() => void>();

function set(patch: Partial<SearchState>) {
  state = { ...state, ...patch };
  listeners.forEach((l) => l());
}

export function getSearchState(): SearchState {
  return state;
}

export function useSearchState(): SearchState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
    () => state,
  );
}

export function setFilters(filters: SearchFilters) {
  set({ filters });
}

/**
 * Searches with words: with the current query image when there is one (both rankings fused), otherwise by the
 * words alone. Empty words search the image alone again.
 */
export function searchWords(words: string): Promise<void> {
  const clean = words.trim();
  set({ words: clean });
  const source = state.source;
  if (source?.kind === 'image') return runSearch(source);
  if (!clean) return Promise.resolve();
  return runSearch({ kind: 'words', words: clean });
}

function releasePreview(previous: QuerySource | null, next: QuerySource | null) {
  if (previous?.kind === 'image' && previous !== next && typeof URL.revokeObjectURL === 'function') {
    URL.revokeObjectURL(previous.previewUrl);
  }
}

/** Makes a QuerySource from a picked, dropped or pasted image. */
export function imageSource(file: Blob, name = 'pasted image'): QuerySource {
  const previewUrl = typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : '';
  return { kind: 'image', file, name: file instanceof File && file.name ? file.name : name, previewUrl };
}

/** Asks the server which regions of a new query image hold objects; best-effort (none on failure). */
async function proposeRegions(source: QuerySource) {
  if (source.kind !== 'image') return;
  try {
    const proposals = await findObjects(source.file);
    if (state.source === source) set({ proposals });
  } catch {
    // proposals are a help, not a requirement: a box can still be drawn by hand
  }
}

/**
 * Runs a search for `source` (default: the current one) with the current filters, within `box` (default: the
 * current region; a new image starts with the whole image).
 */
export async function runSearch(source: QuerySource | null = state.source, box: Box | null | undefined = undefined): Promise<void> {
  if (!source) return;
  const newSource = source !== state.source;
  const region = source.kind !== 'image' ? null : box !== undefined ? box : newSource ? null : state.box;
  releasePreview(state.source, source);
  controller?.abort();
  const current = new AbortController();
  controller = current;
  set({ source, status: 'loading', error: null, verdicts: {}, refined: false, box: region, ...(newSource ? { proposals: [] } : {}) });
  if (newSource) void proposeRegions(source);
  try {
    const response =
      source.kind === 'image'
        ? await searchByImage(source.file, state.filters, current.signal, region, state.words || undefined)
        : source.kind === 'words'
          ? await searchByWords(source.words, state.filters, current.signal)
          : await searchSimilar(source.product.id, state.filters, current.signal);
    if (!current.signal.aborted) set({ response, status: 'done' });
  } catch (e) {
    if (!current.signal.aborted && !isAbort(e)) set({ error: e, status: 'error', response: null });
  }
}

/**
 * Marks a result good or bad (marking it the same way again clears the mark here). For an image search the verdict
 * is also sent to the server, best-effort: a failure to store it never blocks refining. The latest verdict counts
 * there; clearing a mark does not withdraw one already sent.
 */
export async function judge(productId: number, verdict: Verdict): Promise<void> {
  const verdicts = { ...state.verdicts };
  if (verdicts[productId] === verdict) delete verdicts[productId];
  else verdicts[productId] = verdict;
  set({ verdicts });
  const queryId = state.source?.kind === 'image' ? state.response?.queryId : undefined;
  if (queryId && verdicts[productId]) {
    try {
      await sendFeedback(queryId, productId, verdict);
    } catch {
      // best-effort: the marks still refine the search
    }
  }
}

/** Searches again from the marks: more like the good ones (and the query), less like the bad ones. */
export async function refine(strategy: ExampleStrategy = 'average'): Promise<void> {
  const source = state.source;
  if (!source) return;
  const ids = (v: Verdict) =>
    Object.entries(state.verdicts)
      .filter(([, verdict]) => verdict === v)
      .map(([id]) => Number(id));
  const positive = ids('good');
  if (source.kind === 'product') positive.unshift(source.product.id);
  const queryId = source.kind === 'image' ? state.response?.queryId : undefined;
  controller?.abort();
  const current = new AbortController();
  controller = current;
  set({ status: 'loading', error: null });
  try {
    const response = await searchByExamples({ positive, negative: ids('bad'), queryId, strategy }, state.filters, current.signal);
    if (!current.signal.aborted) set({ response, status: 'done', refined: true });
  } catch (e) {
    if (!current.signal.aborted && !isAbort(e)) set({ error: e, status: 'error' });
  }
}

export function clearSearch() {
  controller?.abort();
  releasePreview(state.source, null);
  set({ ...initial, filters: state.filters });
}

/** For tests. */
export function resetSearchState() {
  controller?.abort();
  state = initial;
  listeners.forEach((l) => l());
}

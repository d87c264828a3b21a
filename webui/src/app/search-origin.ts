import { ExplainTarget, SearchOrigin } from '../features/explain/api/explain-api';
import { getSearchState } from '../features/search/hooks/search-store';

/**
 * Connects the explain page to the search that led to it: the search page's store survives navigation, so when this
 * tab ran that search it knows the original query image and the match's rank and score.
 */
export function searchOrigin(target: ExplainTarget, resultId: string): SearchOrigin | null {
  const search = getSearchState();
  const sameSearch =
    target.kind === 'search'
      ? search.response?.queryId === target.queryId
      : search.source?.kind === 'product' && String(search.source.product.id) === target.a;
  if (!sameSearch) return null;
  const match = search.response?.results.find((r) => String(r.productId) === resultId);
  // A region search kept (and explains) the region only: the whole photo would not line up with its heatmap.
  const queryImage = search.source?.kind === 'image' && !search.box ? search.source.previewUrl || null : null;
  return { match: match && { rank: match.rank, score: match.score }, queryImage };
}

import { EmptyState, ErrorState, LoadingState } from '../../../components/status-message';
import { useAsync } from '../../../lib/use-async';
import { DEFAULT_FILTERS, searchSimilar } from '../../search/api/search-api';
import { ResultsGrid } from '../../search/components/results-grid';

export function SimilarProducts({ productId }: { productId: number }) {
  const { data, error, loading, reload } = useAsync(
    (signal) => searchSimilar(productId, { ...DEFAULT_FILTERS, k: 12 }, signal),
    [productId],
  );
  return (
    <section aria-labelledby="similar-title" className="similar">
      <h2 id="similar-title">Similar products</h2>
      {loading && !data && <LoadingState label="Finding similar products…" />}
      {error != null && <ErrorState title="Couldn't load similar products" error={error} onRetry={reload} />}
      {data && data.results.length === 0 && <EmptyState title="No similar products yet" />}
      {data && data.results.length > 0 && (
        <ResultsGrid
          results={data.results}
          label="Similar products"
          explainHref={(r) => `/explain/product/${productId}/${r.productId}`}
        />
      )}
    </section>
  );
}

import { EmptyState, ErrorState, LoadingState } from '../../../components/status-message';
import { useAsync } from '../../../lib/use-async';
import { paths } from '../../../lib/paths';
import { DEFAULT_FILTERS, searchSimilar } from '../api/search-api';
import { ResultsGrid } from './results-grid';

/** The products that look like one product, each explained against it (the product page shows this). */
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
          explainHref={(r) => paths.explainProducts(productId, r.productId)}
        />
      )}
    </section>
  );
}

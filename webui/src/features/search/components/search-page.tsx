import { useEffect } from 'react';
import { EmptyState, ErrorState, LoadingState } from '../../../components/status-message';
import { fetchProduct } from '../../../lib/api/products';
import { paths } from '../../../lib/paths';
import { navigate, useSearchParams } from '../../../lib/router';
import { clearSearch, imageSource, judge, runSearch, searchWords, setFilters, useSearchState } from '../hooks/search-store';
import { usePasteImage } from '../hooks/use-paste-image';
import { ImageDropZone } from './image-drop-zone';
import { ProductPicker } from './product-picker';
import { RefineBar } from './refine-bar';
import { RegionPicker } from './region-picker';
import { QuerySummary } from './query-summary';
import { ResultsGrid } from './results-grid';
import { SearchFiltersForm } from './search-filters-form';
import { WordsInput } from './words-input';
import '../search.css';

export function SearchPage() {
  const state = useSearchState();
  const [params, setParams] = useSearchParams();
  const startProduct = params.get('product');
  const busy = state.status === 'loading';

  usePasteImage((file) => runSearch(imageSource(file)));

  // `/?product=42` (from a product page) starts a "similar to" search once, then leaves the URL clean.
  useEffect(() => {
    if (!startProduct) return;
    setParams({ product: null });
    fetchProduct(startProduct)
      .then((product) => runSearch({ kind: 'product', product }))
      .catch(() => navigate(paths.product(startProduct), { replace: true }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [startProduct]);

  const { source, response } = state;
  // Words alone have no picture to explain: a result opens its product page instead.
  const explainHref = (productId: number) =>
    source?.kind === 'product'
      ? paths.explainProducts(source.product.id, productId)
      : source?.kind === 'words' || !response?.queryId
        ? undefined
        : paths.explainResult(response.queryId, productId);

  return (
    <section aria-labelledby="search-title" className="search-page">
      <h1 id="search-title" className={source ? 'visually-hidden' : 'hero-title'}>
        Find products that look alike
      </h1>
      <div className={`search-inputs${source ? ' is-compact' : ''}`}>
        {source ? (
          <QuerySummary source={source} response={response} onClear={clearSearch} />
        ) : (
          <ImageDropZone onImage={(file) => runSearch(imageSource(file))} busy={busy} />
        )}
        <div className="search-side">
          {source && <ImageDropZone onImage={(file) => runSearch(imageSource(file))} busy={busy} />}
          <ProductPicker onPick={(product) => runSearch({ kind: 'product', product })} />
          <WordsInput words={state.words} withImage={source?.kind === 'image'} busy={busy} onSearch={searchWords} />
        </div>
      </div>
      {source?.kind === 'image' && source.previewUrl && (
        <RegionPicker
          imageUrl={source.previewUrl}
          box={state.box}
          proposals={state.proposals}
          busy={busy}
          onSearch={(box) => runSearch(source, box)}
        />
      )}
      <SearchFiltersForm
        filters={state.filters}
        onChange={setFilters}
        onSubmit={() => runSearch()}
        canSubmit={source != null}
        busy={busy}
      />
      <div aria-live="polite">
        {busy && <LoadingState label="Searching…" />}
        {state.status === 'error' && (
          <ErrorState title="The search failed" error={state.error} onRetry={() => runSearch()} />
        )}
      </div>
      {!busy && state.status === 'done' && response && response.results.length === 0 && (
        <EmptyState title="No matches">Try another category, a larger k, or another mode.</EmptyState>
      )}
      {!busy && response?.note && (
        <p className="search-note muted" data-testid="search-note">
          {response.note}
        </p>
      )}
      {!busy && response && response.results.length > 0 && response.noCloseMatch && (
        <p className="no-close-match" role="status" data-testid="no-close-match">
          No close match in the catalogue: these are the nearest products, none of them looks like the same item.
        </p>
      )}
      {source && response && <RefineBar verdicts={state.verdicts} refined={state.refined} busy={busy} />}
      {response && response.results.length > 0 && (
        <div className={busy ? 'is-stale' : undefined}>
          <ResultsGrid
            results={response.results}
            explainHref={(r) => explainHref(r.productId)}
            verdicts={state.verdicts}
            onJudge={judge}
          />
        </div>
      )}
    </section>
  );
}

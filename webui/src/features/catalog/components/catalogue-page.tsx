import { useEffect, useState } from 'react';
import { useSearchParams } from '../../../lib/router';
import { CategorySelect } from '../../../components/category-select';
import { Pager } from '../../../components/pager';
import { ProductGrid } from '../../../components/product-grid';
import { EmptyState, ErrorState, LoadingState } from '../../../components/status-message';
import { fetchProducts } from '../../../lib/api/products';
import { useAsync } from '../../../lib/use-async';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { CatalogueAdmin } from './catalogue-admin';
import { RunProgressSlot } from './import-archive-form';
import '../catalog.css';

const PAGE_SIZE = 48;

/** `runProgress` shows an import's pipeline run (composed in app/routes.tsx). */
export function CataloguePage({ runProgress }: { runProgress: RunProgressSlot }) {
  const [params, setParams] = useSearchParams();
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const category = params.get('category') ?? '';
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const debounced = useDebouncedValue(text, 300);

  useEffect(() => {
    if (debounced !== q) setParams({ q: debounced, page: null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const { data, error, loading, reload } = useAsync(
    (signal) => fetchProducts({ page, size: PAGE_SIZE, category, q }, signal),
    [page, category, q],
  );

  return (
    <section aria-labelledby="catalogue-title">
      <div className="page-head">
        <h1 id="catalogue-title">Catalogue</h1>
        {data && <span className="muted">{data.total} products</span>}
      </div>
      <div className="toolbar">
        <label className="field field-grow">
          <span>Search titles</span>
          <input
            type="search"
            value={text}
            placeholder="e.g. teapot"
            onChange={(e) => setText(e.target.value)}
            data-testid="catalogue-search"
          />
        </label>
        <CategorySelect
          value={category}
          onChange={(c) => setParams({ category: c, page: null })}
          testId="catalogue-category"
        />
      </div>
      <CatalogueAdmin onChanged={reload} runProgress={runProgress} />
      {error != null && <ErrorState title="Couldn't load the catalogue" error={error} onRetry={reload} />}
      {loading && !data && <LoadingState label="Loading products…" />}
      {data && data.items.length === 0 && (
        <EmptyState title="No products found">
          {q || category ? 'Try another search or category.' : 'Add a product or import a zip of images.'}
        </EmptyState>
      )}
      {data && data.items.length > 0 && (
        <div className={loading ? 'is-stale' : undefined}>
          <ProductGrid products={data.items} label="Products" />
        </div>
      )}
      {data && (
        <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onPage={(p) => setParams({ page: p || null }, false)} />
      )}
    </section>
  );
}

import { lazy, Suspense } from 'react';
import { LoadingState } from '../components/status-message';
import { CataloguePage } from '../features/catalog/components/catalogue-page';
import { ProductPage } from '../features/catalog/components/product-page';
import { ClusterPage } from '../features/clusters/components/cluster-page';
import { ClustersPage } from '../features/clusters/components/clusters-page';
import { DuplicatesPage } from '../features/duplicates/components/duplicates-page';
import { ExplainPage } from '../features/explain/components/explain-page';
import { PipelinesPage } from '../features/pipelines/components/pipelines-page';
import { RunProgress } from '../features/pipelines/components/run-progress';
import { SearchPage } from '../features/search/components/search-page';
import { SimilarProducts } from '../features/search/components/similar-products';
import { RouteDef } from './router';
import { searchOrigin } from './search-origin';

// Plotly is ~1.4 MB gzipped: only the analytics page loads it.
const AnalyticsPage = lazy(() => import('../features/analytics/components/analytics-page'));

// Features never import one another: where a page shows another feature's piece, it takes it here, as a prop.
export const ROUTES: RouteDef[] = [
  { path: '/', render: () => <SearchPage /> },
  { path: '/explain/product/:a/:b', render: () => <ExplainPage kind="products" searchOrigin={searchOrigin} /> },
  { path: '/explain/:queryId/:productId', render: () => <ExplainPage kind="search" searchOrigin={searchOrigin} /> },
  {
    path: '/catalogue',
    render: () => <CataloguePage runProgress={(runId, onDone) => <RunProgress runId={runId} onDone={onDone} />} />,
  },
  { path: '/products/:id', render: () => <ProductPage similar={(id) => <SimilarProducts productId={id} />} /> },
  { path: '/duplicates', render: () => <DuplicatesPage /> },
  { path: '/clusters', render: () => <ClustersPage /> },
  { path: '/clusters/:id', render: () => <ClusterPage /> },
  {
    path: '/analytics',
    render: () => (
      <Suspense fallback={<LoadingState label="Loading analytics…" />}>
        <AnalyticsPage />
      </Suspense>
    ),
  },
  { path: '/pipelines', render: () => <PipelinesPage /> },
];

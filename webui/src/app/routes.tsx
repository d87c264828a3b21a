import { lazy, Suspense } from 'react';
import { LoadingState } from '../components/status-message';
import { CataloguePage } from '../features/catalog/components/catalogue-page';
import { ProductPage } from '../features/catalog/components/product-page';
import { ClusterPage } from '../features/clusters/components/cluster-page';
import { ClustersPage } from '../features/clusters/components/clusters-page';
import { DuplicatesPage } from '../features/duplicates/components/duplicates-page';
import { ExplainPage } from '../features/explain/components/explain-page';
import { PipelinesPage } from '../features/pipelines/components/pipelines-page';
import { SearchPage } from '../features/search/components/search-page';
import { RouteDef } from './router';

// Plotly is ~1.4 MB gzipped: only the analytics page loads it.
const AnalyticsPage = lazy(() => import('../features/analytics/components/analytics-page'));

export const ROUTES: RouteDef[] = [
  { path: '/', render: () => <SearchPage /> },
  { path: '/explain/product/:a/:b', render: () => <ExplainPage kind="products" /> },
  { path: '/explain/:queryId/:productId', render: () => <ExplainPage kind="search" /> },
  { path: '/catalogue', render: () => <CataloguePage /> },
  { path: '/products/:id', render: () => <ProductPage /> },
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

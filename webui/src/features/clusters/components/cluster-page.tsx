import { Pager } from '../../../components/pager';
import { ProductGrid } from '../../../components/product-grid';
import { EmptyState, ErrorState, LoadingState } from '../../../components/status-message';
import { paths } from '../../../lib/paths';
import { Link, useParams, useSearchParams } from '../../../lib/router';
import { useAsync } from '../../../lib/use-async';
import { clusterName, fetchClusterProducts, fetchClusters } from '../api/clusters-api';
import '../clusters.css';

const PAGE_SIZE = 48;

export function ClusterPage() {
  const { id } = useParams<{ id: string }>();
  const [params, setParams] = useSearchParams();
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const products = useAsync((signal) => fetchClusterProducts(id, page, PAGE_SIZE, signal), [id, page]);
  // There is no GET /api/clusters/{id}; the list gives the label and size (optional: the page works without it).
  const clusters = useAsync((signal) => fetchClusters(signal), []);
  const cluster = clusters.data?.find((c) => String(c.id) === id);

  return (
    <section aria-labelledby="cluster-title">
      <p className="eyebrow">
        <Link to={paths.clusters()}>← All clusters</Link>
      </p>
      <div className="page-head">
        <h1 id="cluster-title">{cluster ? clusterName(cluster) : `Cluster ${id}`}</h1>
        {products.data && <span className="muted">{products.data.total} products</span>}
      </div>
      {products.loading && !products.data && <LoadingState label="Loading products…" />}
      {products.error != null && (
        <ErrorState title="Couldn't load this cluster" error={products.error} onRetry={products.reload} />
      )}
      {products.data && products.data.items.length === 0 && <EmptyState title="This cluster is empty" />}
      {products.data && products.data.items.length > 0 && (
        <ProductGrid products={products.data.items} label={`Products in cluster ${id}`} />
      )}
      {products.data && (
        <Pager page={page} pageSize={PAGE_SIZE} total={products.data.total} onPage={(p) => setParams({ page: p || null }, false)} />
      )}
    </section>
  );
}

import { EmptyState, ErrorState, LoadingState } from '../../../components/status-message';
import { useAsync } from '../../../lib/use-async';
import { fetchClusters } from '../api/clusters-api';
import { ClusterCard } from './cluster-card';
import '../clusters.css';

export function ClustersPage() {
  const { data, error, loading, reload } = useAsync((signal) => fetchClusters(signal), []);
  const clusters = data ? [...data].sort((a, b) => b.size - a.size) : [];
  return (
    <section aria-labelledby="clusters-title">
      <div className="page-head">
        <h1 id="clusters-title">Clusters</h1>
        {data && <span className="muted">{data.length} clusters</span>}
      </div>
      {loading && !data && <LoadingState label="Loading clusters…" />}
      {error != null && <ErrorState title="Couldn't load clusters" error={error} onRetry={reload} />}
      {data && data.length === 0 && (
        <EmptyState title="No clusters yet">Run the “cluster” job on the Pipelines page.</EmptyState>
      )}
      {clusters.length > 0 && (
        <ul className="grid grid-clusters" aria-label="Clusters">
          {clusters.map((c) => (
            <ClusterCard key={c.id} cluster={c} />
          ))}
        </ul>
      )}
    </section>
  );
}

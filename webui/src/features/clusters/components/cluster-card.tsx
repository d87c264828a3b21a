import { Thumbnail } from '../../../components/thumbnail';
import { productThumbnailUrl } from '../../../lib/api/products';
import { formatCount } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { Link } from '../../../lib/router';
import { Cluster, clusterName } from '../api/clusters-api';

export function ClusterCard({ cluster }: { cluster: Cluster }) {
  const reps = (cluster.representativeProductIds ?? []).slice(0, 4);
  return (
    <li className="card cluster-card" data-testid="cluster-card" data-cluster-id={cluster.id}>
      <Link to={paths.cluster(cluster.id)} className="card-link">
        <span className={`mosaic mosaic-${Math.max(1, reps.length)}`}>
          {reps.map((id) => (
            <Thumbnail key={id} src={productThumbnailUrl(id)} alt="" />
          ))}
          {reps.length === 0 && <span className="thumb thumb-missing">∅</span>}
        </span>
        <span className="card-title">{clusterName(cluster)}</span>
      </Link>
      <span className="card-meta">
        <span>{formatCount(cluster.size)} products</span>
      </span>
    </li>
  );
}

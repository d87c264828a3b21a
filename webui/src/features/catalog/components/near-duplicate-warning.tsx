import { paths } from '../../../lib/paths';
import { Link } from '../../../lib/router';
import { Thumbnail } from '../../../components/thumbnail';
import { NearDuplicate } from '../api/catalog-api';

/**
 * After an upload: the existing products the new one looks like. A warning, not an error: the product was added
 * (identical files are refused by the server with 409 instead).
 */
export function NearDuplicateWarning({ nearDuplicates }: { nearDuplicates: NearDuplicate[] }) {
  if (nearDuplicates.length === 0) return null;
  return (
    <div role="status" className="warning near-duplicates" data-testid="near-duplicate-warning">
      <strong>
        This image looks like {nearDuplicates.length === 1 ? 'an existing product' : `${nearDuplicates.length} existing products`}:
      </strong>
      <ul>
        {nearDuplicates.map((d) => (
          <li key={d.productId} className="near-duplicate">
            <Thumbnail src={d.thumbnailUrl} alt={d.title} size="sm" />
            <Link to={paths.product(d.productId)}>{d.title}</Link>
            <span className="muted">score {d.score.toFixed(3)}</span>
          </li>
        ))}
      </ul>
      <span className="muted">
        It was added anyway; see all pairs on the <Link to={paths.duplicates()}>Duplicates</Link> page.
      </span>
    </div>
  );
}

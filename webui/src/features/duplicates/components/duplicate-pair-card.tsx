import { paths } from '../../../lib/paths';
import { Link } from '../../../lib/router';
import { Thumbnail } from '../../../components/thumbnail';
import { DuplicatePair, PairedProduct } from '../api/duplicates-api';

function Side({ product, id }: { product: PairedProduct | undefined; id: number }) {
  const title = product?.title ?? `Product #${id}`;
  return (
    <Link to={`/products/${id}`} className="duplicate-side" data-testid="duplicate-side">
      <Thumbnail src={product?.imageUrl ?? `/api/products/${id}/image`} alt={title} size="lg" />
      <span className="duplicate-title">{title}</span>
      <span className="muted">
        #{id}
        {product?.category ? ` · ${product.category}` : ''}
      </span>
    </Link>
  );
}

/** One near-duplicate pair: both images side by side, the score between them, and a way to see why. */
export function DuplicatePairCard({ pair, products }: { pair: DuplicatePair; products: Map<number, PairedProduct> }) {
  return (
    <li className="card duplicate-pair" data-testid="duplicate-pair" data-a={pair.a} data-b={pair.b}>
      <Side id={pair.a} product={products.get(pair.a)} />
      <div className="duplicate-score">
        <strong data-testid="duplicate-score">{pair.score.toFixed(3)}</strong>
        <span className="muted">score</span>
        <Link to={paths.explainProducts(pair.a, pair.b)} className="button button-small">
          Why alike?
        </Link>
      </div>
      <Side id={pair.b} product={products.get(pair.b)} />
    </li>
  );
}

import { Product } from '../lib/api/products';
import { formatPrice } from '../lib/format';
import { paths } from '../lib/paths';
import { Link } from '../lib/router';
import { Thumbnail } from './thumbnail';

export function ProductCard({ product }: { product: Product }) {
  return (
    <li className="card" data-testid="catalogue-card" data-product-id={product.id}>
      <Link to={paths.product(product.id)} className="card-link">
        <Thumbnail src={product.thumbnailUrl} alt={product.title} />
        <span className="card-title">{product.title}</span>
      </Link>
      <span className="card-meta">
        <span>{product.category}</span>
        {product.price != null && <span className="price">{formatPrice(product.price)}</span>}
      </span>
    </li>
  );
}

import { Link } from '../../../app/router';
import { Thumbnail } from '../../../components/thumbnail';
import { formatPrice } from '../../../lib/format';
import { Product } from '../api/catalog-api';

export function ProductCard({ product }: { product: Product }) {
  return (
    <li className="card" data-testid="catalogue-card" data-product-id={product.id}>
      <Link to={`/products/${product.id}`} className="card-link">
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

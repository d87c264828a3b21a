import { paths } from '../../../lib/paths';
import { Link } from '../../../lib/router';
import { formatDateTime, formatPrice } from '../../../lib/format';
import { Product } from '../../../lib/api/products';

export function ProductDetails({ product }: { product: Product }) {
  return (
    <dl className="details" data-testid="product-details">
      <dt>Category</dt>
      <dd>
        <Link to={paths.catalogueCategory(product.category)}>{product.category}</Link>
      </dd>
      <dt>Price</dt>
      <dd data-testid="product-price">{product.price != null ? formatPrice(product.price) : '–'}</dd>
      <dt>SKU</dt>
      <dd>{product.sku || '–'}</dd>
      <dt>Cluster</dt>
      <dd>{product.clusterId != null ? <Link to={paths.cluster(product.clusterId)}>Cluster {product.clusterId}</Link> : '–'}</dd>
      <dt>Added</dt>
      <dd>{formatDateTime(product.createdAt)}</dd>
    </dl>
  );
}

import { Thumbnail } from '../../../components/thumbnail';
import { fetchProductCached, productThumbnailUrl } from '../../../lib/api/products';
import { useAsync } from '../../../lib/use-async';

export interface HoverTarget {
  productId: number;
  group: string;
  /** Pixels from the plot container's top-left corner. */
  left: number;
  top: number;
}

/** Plotly hover labels cannot show images, so this card follows plotly_hover events instead. */
export function HoverCard({ target }: { target: HoverTarget }) {
  const { data } = useAsync(() => fetchProductCached(target.productId), [target.productId]);
  return (
    <div className="hover-card" style={{ left: target.left, top: target.top }} role="tooltip" data-testid="projection-hover-card">
      <Thumbnail src={productThumbnailUrl(target.productId)} alt="" />
      <strong>{data?.title ?? `Product ${target.productId}`}</strong>
      <span className="muted">{target.group}</span>
    </div>
  );
}

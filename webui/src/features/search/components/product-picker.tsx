import { useState } from 'react';
import { Thumbnail } from '../../../components/thumbnail';
import { describeError } from '../../../lib/api-client';
import { fetchProducts, Product } from '../../../lib/api/products';
import { useAsync } from '../../../lib/use-async';
import { useDebouncedValue } from '../../../lib/use-debounced-value';

/** "Start from a catalogue product": title search over GET /api/products?q=. */
export function ProductPicker({ onPick }: { onPick: (product: Product) => void }) {
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 250);
  const { data, error, loading } = useAsync(
    (signal) => (q ? fetchProducts({ page: 0, size: 8, q }, signal) : Promise.resolve(null)),
    [q],
  );

  return (
    <div className="picker">
      <label className="field">
        <span>…or start from a catalogue product</span>
        <input
          type="search"
          value={text}
          placeholder="Type a product title"
          onChange={(e) => setText(e.target.value)}
          data-testid="product-picker-input"
        />
      </label>
      {q && loading && !data && <p className="muted">Searching…</p>}
      {q && error != null && <p className="error">{describeError(error)}</p>}
      {q && data && data.items.length === 0 && <p className="muted">No product matches “{q}”.</p>}
      {q && data && data.items.length > 0 && (
        <ul className="picker-list" aria-label="Matching products">
          {data.items.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="picker-option"
                onClick={() => {
                  onPick(p);
                  setText('');
                }}
                data-testid="product-picker-option"
              >
                <Thumbnail src={p.thumbnailUrl} alt="" size="sm" />
                <span>
                  <span className="picker-title">{p.title}</span>
                  <span className="muted">{p.category}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

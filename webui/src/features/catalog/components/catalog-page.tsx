import { useEffect, useState } from 'react';
import { CategoryCount, fetchCategories, fetchProducts, ProductPage } from '../api';

const PAGE_SIZE = 48;

export function CatalogPage() {
  const [page, setPage] = useState(0);
  const [category, setCategory] = useState('');
  const [data, setData] = useState<ProductPage | null>(null);
  const [categories, setCategories] = useState<CategoryCount[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetchCategories().then(setCategories).catch((e: Error) => setError(e.message));
  }, []);

  useEffect(() => {
    setData(null);
    fetchProducts(page, PAGE_SIZE, category || undefined)
      .then(setData)
      .catch((e: Error) => setError(e.message));
  }, [page, category]);

  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <section aria-label="Catalogue">
      <div className="toolbar">
        <label>
          Category{' '}
          <select value={category} onChange={(e) => { setPage(0); setCategory(e.target.value); }}>
            <option value="">All</option>
            {categories.map((c) => (
              <option key={c.name} value={c.name}>{c.name} ({c.count})</option>
            ))}
          </select>
        </label>
        {data && <span className="muted">{data.total} products</span>}
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {!data && !error && <p className="muted">Loading…</p>}
      {data && data.items.length === 0 && <p className="muted">No products yet.</p>}
      <ul className="grid">
        {data?.items.map((p) => (
          <li key={p.id} className="card">
            <img src={p.thumbnailUrl} alt={p.title} loading="lazy" width={160} height={160} />
            <div className="card-title">{p.title}</div>
            <div className="muted">{p.category}{p.price != null ? ` · ${p.price.toFixed(2)}` : ''}</div>
          </li>
        ))}
      </ul>
      <nav className="pager" aria-label="Pages">
        <button disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</button>
        <span>Page {page + 1} of {pages}</span>
        <button disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>Next</button>
      </nav>
    </section>
  );
}

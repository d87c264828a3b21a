import { useCategories } from '../lib/use-categories';

/** Category filter fed by GET /api/categories; degrades to "All" alone when the list cannot be loaded. */
export function CategorySelect({
  value,
  onChange,
  testId,
}: {
  value: string;
  onChange: (category: string) => void;
  testId?: string;
}) {
  const { data, error } = useCategories();
  return (
    <label className="field">
      <span>Category</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">All categories</option>
        {value && !data?.some((c) => c.name === value) && <option value={value}>{value}</option>}
        {data?.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name} ({c.count})
          </option>
        ))}
      </select>
      {error != null && <small className="muted">Categories unavailable</small>}
    </label>
  );
}

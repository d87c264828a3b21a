import { FormEvent, useEffect, useState } from 'react';
import { CategorySelect } from '../../../components/category-select';
import { clampK, MAX_K, SEARCH_MODES, SearchFilters, SearchMode } from '../api/search-api';

const MODE_LABELS: Record<SearchMode, string> = { exact: 'Exact', ann: 'Approximate (ANN)', cluster: 'Within cluster' };

export function SearchFiltersForm({
  filters,
  onChange,
  onSubmit,
  canSubmit,
  busy,
}: {
  filters: SearchFilters;
  onChange: (filters: SearchFilters) => void;
  onSubmit: () => void;
  canSubmit: boolean;
  busy: boolean;
}) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Search options" data-testid="search-filters">
      <CategorySelect value={filters.category} onChange={(category) => onChange({ ...filters, category })} testId="search-category" />
      <KInput value={filters.k} onChange={(k) => onChange({ ...filters, k })} />
      <label className="field">
        <span>Mode</span>
        <select
          value={filters.mode}
          onChange={(e) => onChange({ ...filters, mode: e.target.value as SearchMode | '' })}
          data-testid="search-mode"
        >
          <option value="">Server default</option>
          {SEARCH_MODES.map((m) => (
            <option key={m} value={m}>
              {MODE_LABELS[m]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button button-primary" disabled={!canSubmit || busy} data-testid="search-submit">
        {busy ? 'Searching…' : 'Search again'}
      </button>
    </form>
  );
}

/** Lets the field be cleared and retyped freely; the filter only ever holds a valid k in 1..100. */
function KInput({ value, onChange }: { value: number; onChange: (k: number) => void }) {
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft((d) => (Number(d) === value ? d : String(value))), [value]);
  return (
    <label className="field field-narrow">
      <span>Results (k)</span>
      <input
        type="number"
        min={1}
        max={MAX_K}
        inputMode="numeric"
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          if (e.target.value !== '') onChange(clampK(Number(e.target.value)));
        }}
        onBlur={() => setDraft(String(value))}
        data-testid="search-k"
      />
    </label>
  );
}

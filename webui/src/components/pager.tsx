export interface PagerProps {
  /** Zero-based. */
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}

export function Pager({ page, pageSize, total, onPage }: PagerProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label="Pages" data-testid="pager">
      <button type="button" className="button" disabled={page === 0} onClick={() => onPage(page - 1)} data-testid="pager-prev">
        ← Previous
      </button>
      <span aria-live="polite" data-testid="pager-status">
        Page {page + 1} of {pages}
      </span>
      <button
        type="button"
        className="button"
        disabled={page + 1 >= pages}
        onClick={() => onPage(page + 1)}
        data-testid="pager-next"
      >
        Next →
      </button>
    </nav>
  );
}

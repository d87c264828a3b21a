import { Link, useLocation } from '../lib/router';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <section className="not-found" aria-labelledby="not-found-title" data-testid="not-found">
      <h1 id="not-found-title">Page not found</h1>
      <p className="muted">
        Nothing lives at <code>{pathname}</code>.
      </p>
      <p>
        <Link className="button button-primary" to="/">
          Go to search
        </Link>
      </p>
    </section>
  );
}

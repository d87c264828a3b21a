import { ReactNode } from 'react';
import { AdminTokenDialog } from '../components/admin-token-dialog';
import { ErrorBoundary } from '../components/error-boundary';
import { Link, NavLink, useLocation } from '../lib/router';

const NAV: { to: string; label: string; exact?: boolean }[] = [
  { to: '/', label: 'Search', exact: true },
  { to: '/catalogue', label: 'Catalogue' },
  { to: '/duplicates', label: 'Duplicates' },
  { to: '/clusters', label: 'Clusters' },
  { to: '/analytics', label: 'Analytics' },
  { to: '/pipelines', label: 'Pipelines' },
];

export function Layout({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Visual Product Search, home">
          <span className="brand-mark" aria-hidden="true" />
          Visual Search
        </Link>
        <nav aria-label="Main" className="nav" data-testid="main-nav">
          {NAV.map((item) => (
            <NavLink key={item.to} to={item.to} exact={item.exact} data-testid={`nav-${item.label.toLowerCase()}`}>
              {item.label}
            </NavLink>
          ))}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorBoundary key={pathname}>{children}</ErrorBoundary>
      </main>
      <AdminTokenDialog />
    </>
  );
}

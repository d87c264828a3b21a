import { ReactNode } from 'react';
import { matchPath, RouteParamsProvider, useLocation } from '../lib/router';

export interface RouteDef {
  path: string;
  render: () => ReactNode;
}

/** Renders the first route whose pattern matches the current path, else `fallback`. */
export function Routes({ routes, fallback }: { routes: RouteDef[]; fallback: ReactNode }) {
  const { pathname } = useLocation();
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) {
      return (
        <RouteParamsProvider key={route.path} params={params}>
          {route.render()}
        </RouteParamsProvider>
      );
    }
  }
  return <>{fallback}</>;
}

import { Layout } from './layout';
import { NotFoundPage } from './not-found-page';
import { Routes } from './router';
import { ROUTES } from './routes';

export function App() {
  return (
    <Layout>
      <Routes routes={ROUTES} fallback={<NotFoundPage />} />
    </Layout>
  );
}

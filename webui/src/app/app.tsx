import { CatalogPage } from '../features/catalog/components/catalog-page';

export function App() {
  return (
    <>
      <header className="header">
        <h1>Visual Product Search</h1>
      </header>
      <main>
        <CatalogPage />
      </main>
    </>
  );
}

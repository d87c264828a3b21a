import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { problem, stubFetch } from '../../../test/fetch-stub';
import { exportCatalogue } from '../api/catalog-api';
import { ExportCatalogueButton } from './export-catalogue-button';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  sessionStorage.clear();
});

function zipResponse(): Response {
  return new Response(new Uint8Array([0x50, 0x4b, 3, 4]), {
    status: 200,
    headers: { 'content-type': 'application/zip', 'content-disposition': 'attachment; filename="catalogue-2026-12-01.zip"' },
  });
}

describe('Export catalogue', () => {
  it('fetches the zip as an admin call and names the file as the server does', async () => {
    sessionStorage.setItem('vps.adminToken', 'tok');
    const calls = stubFetch({ 'GET /api/products/export': () => zipResponse() });
    const exported = await exportCatalogue();
    expect(exported.fileName).toBe('catalogue-2026-12-01.zip');
    expect(exported.blob.size).toBe(4);
    expect(calls[0].headers.Authorization).toBe('Bearer tok');
    expect(calls[0].headers.Accept).toBe('application/zip');
  });

  it('the button downloads the blob', async () => {
    stubFetch({ 'GET /api/products/export': () => zipResponse() });
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:export');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    render(<ExportCatalogueButton />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Export catalogue' }));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    const anchor = click.mock.contexts[0] as HTMLAnchorElement;
    expect(anchor.download).toBe('catalogue-2026-12-01.zip');
  });

  it('shows the problem when the export fails', async () => {
    stubFetch({ 'GET /api/products/export': () => problem(503, 'Service unavailable', 'The database is unavailable') });
    render(<ExportCatalogueButton />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Export catalogue' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The database is unavailable');
  });
});

/** One error type for every failed API call, built from the server's problem+json when there is one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail || title);
  }
}

export async function toApiError(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const problem = await response.json();
      return new ApiError(response.status, problem.title ?? response.statusText, problem.detail ?? '');
    } catch {
      // fall through to the generic error below
    }
  }
  return new ApiError(response.status, response.statusText, `The server answered ${response.status}`);
}

export async function getJson<T>(url: string, fetcher: typeof fetch = fetch): Promise<T> {
  const response = await fetcher(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw await toApiError(response);
  }
  return (await response.json()) as T;
}

import { paths } from '../../../lib/paths';
import { Link } from '../../../lib/router';
import { formatMs } from '../../../lib/format';
import { SearchResponse } from '../api/search-api';
import { QuerySource } from '../hooks/search-store';

/** The query image (or starting product) next to what the server reported: time, index, model, mode. */
export function QuerySummary({
  source,
  response,
  onClear,
}: {
  source: QuerySource;
  response: SearchResponse | null;
  onClear: () => void;
}) {
  const image = source.kind === 'image' ? source.previewUrl : source.kind === 'product' ? source.product.thumbnailUrl : null;
  return (
    <div className="query-summary" data-testid="query-preview">
      {image ? (
        <img className="query-image" src={image} alt="Query" />
      ) : (
        <div className="query-image thumb-missing">{source.kind === 'words' ? 'Aa' : '?'}</div>
      )}
      <div className="query-meta">
        <span className="eyebrow">
          {source.kind === 'image' ? 'Your image' : source.kind === 'words' ? 'Your words (product data, not pixels)' : 'Similar to'}
        </span>
        <strong className="query-name">
          {source.kind === 'image' ? (
            source.name
          ) : source.kind === 'words' ? (
            `“${source.words}”`
          ) : (
            <Link to={paths.product(source.product.id)}>{source.product.title}</Link>
          )}
        </strong>
        {response && (
          <dl className="chips" data-testid="query-stats">
            <div>
              <dt>Took</dt>
              <dd data-testid="query-took">{formatMs(response.tookMs)}</dd>
            </div>
            <div>
              <dt>Index</dt>
              <dd>{response.index || '–'}</dd>
            </div>
            <div>
              <dt>Model</dt>
              <dd>{response.model || '–'}</dd>
            </div>
            <div>
              <dt>Mode</dt>
              <dd>{response.mode || '–'}</dd>
            </div>
            <div>
              <dt>Results</dt>
              <dd>{response.results.length}</dd>
            </div>
          </dl>
        )}
        <button type="button" className="button button-small button-quiet" onClick={onClear}>
          Clear
        </button>
      </div>
    </div>
  );
}

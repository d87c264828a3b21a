import { useState } from 'react';

/** A square product image that shows a calm placeholder instead of a broken-image icon. */
export function Thumbnail({ src, alt, size = 'md' }: { src: string; alt: string; size?: 'sm' | 'md' | 'lg' }) {
  const [failed, setFailed] = useState(false);
  if (failed) {
    return (
      <div className={`thumb thumb-${size} thumb-missing`} role="img" aria-label={`${alt} (image unavailable)`}>
        ?
      </div>
    );
  }
  return <img className={`thumb thumb-${size}`} src={src} alt={alt} loading="lazy" decoding="async" onError={() => setFailed(true)} />;
}

import { KeyboardEvent, PointerEvent, useEffect, useRef, useState } from 'react';
import { Box, ProposedBox } from '../api/search-api';

const STEP = 0.02;
/** Boxes smaller than this share of a side are taken as a click, not a drag. */
const MIN_SIDE = 0.03;

const clamp = (v: number, lo = 0, hi = 1) => Math.min(hi, Math.max(lo, v));

/** Keeps a box inside the image and at least MIN_SIDE wide and high. */
export function fitBox(b: Box): Box {
  const w = clamp(b.w, MIN_SIDE, 1);
  const h = clamp(b.h, MIN_SIDE, 1);
  return { x: clamp(b.x, 0, 1 - w), y: clamp(b.y, 0, 1 - h), w, h };
}

/** What one key does to the box: arrows move it, Shift + arrows resize it. Null: not a box key. */
export function keyedBox(box: Box | null, key: string, shift: boolean): Box | null {
  const b = box ?? { x: 0.25, y: 0.25, w: 0.5, h: 0.5 };
  const moves: Record<string, [number, number]> = {
    ArrowLeft: [-STEP, 0],
    ArrowRight: [STEP, 0],
    ArrowUp: [0, -STEP],
    ArrowDown: [0, STEP],
  };
  const move = moves[key];
  if (!move) return null;
  if (!box) return b;
  return shift ? fitBox({ ...b, w: b.w + move[0], h: b.h + move[1] }) : fitBox({ ...b, x: b.x + move[0], y: b.y + move[1] });
}

/**
 * Draw a box on the query image to search with that region only: drag with a mouse, pen or finger; from the
 * keyboard, arrows move the box, Shift + arrows resize it, Enter searches, Escape goes back to the whole image.
 * Proposed regions (objects found on a plain background) appear as chips that search at once.
 */
export function RegionPicker({
  imageUrl,
  box,
  proposals,
  busy,
  onSearch,
}: {
  imageUrl: string;
  box: Box | null;
  proposals: ProposedBox[];
  busy: boolean;
  onSearch: (box: Box | null) => void;
}) {
  const [draft, setDraft] = useState<Box | null>(box);
  const drag = useRef<{ x: number; y: number } | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => setDraft(box), [box]);

  const point = (e: PointerEvent<HTMLDivElement>) => {
    const r = frame.current!.getBoundingClientRect();
    return { x: clamp((e.clientX - r.left) / Math.max(1, r.width)), y: clamp((e.clientY - r.top) / Math.max(1, r.height)) };
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (busy) return;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drag.current = point(e);
    setDraft({ ...drag.current, w: 0, h: 0 });
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const p = point(e);
    const s = drag.current;
    setDraft({ x: Math.min(s.x, p.x), y: Math.min(s.y, p.y), w: Math.abs(p.x - s.x), h: Math.abs(p.y - s.y) });
  };
  const onPointerUp = () => {
    if (!drag.current) return;
    drag.current = null;
    setDraft((d) => (d && d.w >= MIN_SIDE && d.h >= MIN_SIDE ? d : box));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' && draft) {
      e.preventDefault();
      onSearch(draft);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setDraft(null);
      if (box) onSearch(null);
    } else {
      const next = keyedBox(draft, e.key, e.shiftKey);
      if (next) {
        e.preventDefault();
        setDraft(next);
      }
    }
  };
  const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
  const changed = draft != null && (box == null || JSON.stringify(fitBox(draft)) !== JSON.stringify(fitBox(box)));

  return (
    <div className="region-picker" data-testid="region-picker">
      <div
        ref={frame}
        className="region-frame"
        tabIndex={0}
        role="group"
        aria-label="Region to search. Drag to draw a box; arrow keys move it, Shift and arrow keys resize it, Enter searches, Escape uses the whole image."
        data-testid="region-frame"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
      >
        <img src={imageUrl} alt="Query" draggable={false} />
        {draft && draft.w > 0 && draft.h > 0 && (
          <span
            className={`region-box${changed ? ' is-draft' : ''}`}
            data-testid="region-box"
            style={{ left: pct(draft.x), top: pct(draft.y), width: pct(draft.w), height: pct(draft.h) }}
          />
        )}
      </div>
      <div className="region-actions">
        {proposals.length > 0 && (
          <span className="chips" role="group" aria-label="Objects found in the photo" data-testid="region-proposals">
            {proposals.map((p, i) => (
              <button
                key={`${p.x},${p.y},${p.w},${p.h}`}
                type="button"
                className="chip-button"
                disabled={busy}
                data-testid="region-proposal"
                onClick={() => onSearch({ x: p.x, y: p.y, w: p.w, h: p.h })}
              >
                {p.label ?? `Object ${i + 1}`}
              </button>
            ))}
          </span>
        )}
        <button type="button" className="button button-small" disabled={busy || !changed} onClick={() => draft && onSearch(fitBox(draft))} data-testid="region-search">
          Search this region
        </button>
        <button type="button" className="button button-small button-quiet" disabled={busy || (!box && !draft)} onClick={() => onSearch(null)} data-testid="region-clear">
          Whole image
        </button>
      </div>
    </div>
  );
}

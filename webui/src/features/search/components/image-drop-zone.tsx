import { DragEvent, useRef, useState } from 'react';

export function firstImage(files: FileList | File[] | null | undefined): File | null {
  if (!files) return null;
  return Array.from(files).find((f) => f.type.startsWith('image/')) ?? null;
}

/** Drop an image, click to pick one, or paste one anywhere on the page (the page listens for paste). */
export function ImageDropZone({ onImage, busy }: { onImage: (file: File) => void; busy?: boolean }) {
  const [over, setOver] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const accept = (files: FileList | null) => {
    const image = firstImage(files);
    if (!image) {
      setProblem('That is not an image. Use a PNG, JPEG or WebP file.');
      return;
    }
    setProblem(null);
    onImage(image);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    accept(e.dataTransfer.files);
  };

  return (
    <div
      className={`drop-zone${over ? ' is-over' : ''}${busy ? ' is-busy' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="search-drop-zone"
    >
      <svg className="drop-icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M4 5h16v14H4z M4 15l5-5 4 4 3-3 4 4" fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      <p className="drop-title">Drop a product photo here</p>
      <p className="muted">
        or paste one with <kbd>Ctrl</kbd>+<kbd>V</kbd>, or
      </p>
      <label className="button button-primary file-button">
        Choose an image…
        <input
          ref={input}
          className="visually-hidden"
          type="file"
          accept="image/*"
          onChange={(e) => {
            accept(e.target.files);
            e.target.value = '';
          }}
          data-testid="search-drop-input"
        />
      </label>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </div>
  );
}

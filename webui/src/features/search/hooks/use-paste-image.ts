import { useEffect, useRef } from 'react';

/** Calls `onImage` when an image is pasted anywhere on the page (Ctrl+V / Cmd+V). */
export function usePasteImage(onImage: (file: File) => void) {
  const callback = useRef(onImage);
  callback.current = onImage;

  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const items = Array.from(e.clipboardData?.items ?? []);
      const file = items.find((i) => i.kind === 'file' && i.type.startsWith('image/'))?.getAsFile();
      if (file) {
        e.preventDefault();
        callback.current(file);
      }
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, []);
}

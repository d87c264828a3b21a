import { useEffect, useState } from 'react';

/** The server's limit on a search's words (SearchWords.MAX_CHARS). */
export const MAX_WORDS_CHARS = 200;

/**
 * Words to search with: alone, or with the query image (then both rankings are fused). The hint says plainly what
 * words can do here: they are matched against product titles and categories, not against what the pictures show.
 */
export function WordsInput({
  words,
  withImage,
  busy,
  onSearch,
}: {
  words: string;
  withImage: boolean;
  busy: boolean;
  onSearch: (words: string) => void;
}) {
  const [text, setText] = useState(words);
  useEffect(() => setText(words), [words]);
  const clean = text.trim();

  return (
    <form
      className="picker words-input"
      role="search"
      aria-label="Search by words"
      onSubmit={(e) => {
        e.preventDefault();
        if (clean || withImage) onSearch(clean);
      }}
    >
      <label className="field">
        <span>{withImage ? '…add words to the picture' : '…or describe it in words'}</span>
        <input
          type="search"
          value={text}
          maxLength={MAX_WORDS_CHARS}
          placeholder={withImage ? 'e.g. leather, for running' : 'e.g. a mug for coffee'}
          aria-describedby="words-hint"
          onChange={(e) => setText(e.target.value)}
          data-testid="search-words"
        />
      </label>
      <p id="words-hint" className="muted words-hint" data-testid="words-hint">
        Words match product titles and categories, not what the pictures show.
      </p>
      <button
        type="submit"
        className="button button-small"
        disabled={busy || (!clean && !withImage)}
        data-testid="search-words-submit"
      >
        {withImage ? (clean ? 'Search picture + words' : 'Search picture only') : 'Search words'}
      </button>
    </form>
  );
}

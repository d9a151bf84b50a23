/**
 * Where GraphiQL keeps its state (tabs, history, layout): this tab's sessionStorage, never
 * localStorage, and never with request headers. GraphiQL keeps headers out of its tab state when
 * `shouldPersistHeaders` is off, but its history plugin stores each run's headers regardless; a
 * token there would outlive the dashboard's sign-out. So every value written here has its
 * `headers` removed, and history entries read back get this page's headers instead.
 *
 * GraphiQL prefixes its keys with `graphiql:`; `clear()` (its "clear storage" button) removes
 * only those, not the dashboard's session.
 */
export function tabStorage(currentHeaders: string): Storage {
  const ours = (key: string | null): key is string => key !== null && key.startsWith('graphiql:');
  const keys = (): string[] => Array.from({ length: sessionStorage.length }, (_, i) => sessionStorage.key(i)).filter(ours);
  return {
    get length() {
      return keys().length;
    },
    key: (index) => keys()[index] ?? null,
    getItem(key) {
      const value = sessionStorage.getItem(key);
      return value !== null && isHistory(key) ? withHeaders(value, currentHeaders) : value;
    },
    setItem(key, value) {
      if (key === 'graphiql:headers') return sessionStorage.removeItem(key);
      sessionStorage.setItem(key, withoutHeaders(value));
    },
    removeItem: (key) => sessionStorage.removeItem(key),
    clear: () => keys().forEach((key) => sessionStorage.removeItem(key)),
  };
}

function isHistory(key: string): boolean {
  return key === 'graphiql:queries' || key === 'graphiql:favorites';
}

function withoutHeaders(value: string): string {
  return rewrite(value, () => null);
}

function withHeaders(value: string, headers: string): string {
  return rewrite(value, (stored) => stored ?? headers);
}

function rewrite(value: string, headers: (stored: unknown) => unknown): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return value; // not JSON (a layout size, a theme name): holds no headers
  }
  return JSON.stringify(parsed, (key, inner: unknown) => (key === 'headers' ? headers(inner) : inner));
}

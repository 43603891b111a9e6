// Which screen is shown, kept in the URL's fragment (`#/instances`) so that a reload, or Back,
// returns to it. The browser host's per-launch token may share the fragment (`#/instances&token=…`,
// or `#token=…` as the host prints it); api.ts takes the token out, the route stays.

export const views = ['instances', 'accounts', 'settings'] as const;
export type View = (typeof views)[number];

/** The screen a fragment names, if any: `#/settings`, `#/settings&token=…`, `#settings`. */
export function viewFromHash(hash: string): View | undefined {
  const route = hash.replace(/^#/, '').split('&')[0]?.replace(/^\//, '') ?? '';
  return (views as readonly string[]).includes(route) ? (route as View) : undefined;
}

/** The fragment of a screen. */
export function hashFor(view: View): string {
  return `#/${view}`;
}

/**
 * Splits the browser host's token off a fragment: `#/instances&token=abc` → token `abc`, rest
 * `#/instances`. Without a token the fragment is left as it is.
 */
export function takeToken(hash: string): { token: string | undefined; rest: string } {
  const parts = hash.replace(/^#/, '').split('&').filter(Boolean);
  const found = parts.find((p) => p.startsWith('token='));
  if (found === undefined) return { token: undefined, rest: hash };
  const others = parts.filter((p) => p !== found);
  let token: string;
  try {
    token = decodeURIComponent(found.slice('token='.length));
  } catch {
    token = found.slice('token='.length);
  }
  return { token, rest: others.length > 0 ? `#${others.join('&')}` : '' };
}

// Which screen is shown, kept in the URL's fragment (`#/instances`) so that a reload, or Back,
// returns to it. The browser host's per-launch token may share the fragment (`#/instances&token=…`,
// or `#token=…` as the host prints it); api.ts takes the token out, the route stays.

export const views = ['instances', 'rules', 'runs', 'accounts', 'settings'] as const;
export type View = (typeof views)[number];

/** A screen and what it is narrowed to: `#/rules&instance=tcr-8kq3m2zd` shows one instance's rules. */
export interface Route {
  view: View;
  /** The Rules screen shows only the rules from or to this instance (its registry ID). */
  instance?: string;
  /** Recent runs opens this run's tasks (`SyncRun.key`), e.g. from a notification. */
  run?: string;
}

/** The screen a fragment names, if any: `#/settings`, `#/settings&token=…`, `#settings`. */
export function viewFromHash(hash: string): View | undefined {
  const route = hash.replace(/^#/, '').split(/[&?]/)[0]?.replace(/^\//, '') ?? '';
  return (views as readonly string[]).includes(route) ? (route as View) : undefined;
}

/** The screen a fragment names and what it is narrowed to (`#/rules&instance=tcr-1&token=…`). */
export function routeFromHash(hash: string): Route | undefined {
  const view = viewFromHash(hash);
  if (view === undefined) return undefined;
  if (view === 'runs') {
    const run = paramOf(hash, 'run');
    return run ? { view, run } : { view };
  }
  if (view !== 'rules') return { view };
  const instance = paramOf(hash, 'instance');
  return instance ? { view, instance } : { view };
}

/** A parameter of the fragment, `&name=…` (or `?name=…` after the screen), decoded. */
function paramOf(hash: string, name: string): string | undefined {
  const part = hash
    .replace(/^#/, '')
    .split(/[&?]/)
    .find((p) => p.startsWith(`${name}=`));
  let value = part?.slice(name.length + 1);
  try {
    value = value === undefined ? undefined : decodeURIComponent(value);
  } catch {
    // Kept as written.
  }
  return value;
}

/** The fragment of a screen (narrowed to an instance on Rules). */
export function hashFor(view: View | Route): string {
  const route = typeof view === 'string' ? { view } : view;
  const instance = route.view === 'rules' ? route.instance : undefined;
  if (instance) return `#/${route.view}&instance=${encodeURIComponent(instance)}`;
  const run = route.view === 'runs' ? route.run : undefined;
  return run ? `#/${route.view}&run=${encodeURIComponent(run)}` : `#/${route.view}`;
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

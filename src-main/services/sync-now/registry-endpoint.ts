// Where an instance's registry answers: `https://<public domain>`; plain http only for a loopback
// address (the sandbox's registries), never for a name on the network.

const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*|\[::1\])(?::\d{1,5})?$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The registry's base URL, or undefined when the domain is not a host name (port allowed). */
export function registryEndpoint(publicDomain: string): string | undefined {
  const domain = publicDomain.trim().toLowerCase();
  if (domain.length === 0 || domain.length > 260 || !HOST.test(domain)) return undefined;
  let url: URL;
  try {
    url = new URL(`https://${domain}`);
  } catch {
    return undefined; // a port out of range
  }
  const loopback = LOOPBACK.has(url.hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname);
  return `${loopback ? 'http' : 'https'}://${domain}`;
}

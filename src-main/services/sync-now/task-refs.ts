// The artifact a sync task names: `namespace/repository:tag`, as this computer records it, or with
// the instance's domain first (`tcr.example.com/ns/repo:tag`), as the cloud may. Bounded and checked
// against the OCI names, so a task string never makes the app ask a registry for something odd.

export interface ArtifactRef {
  /** The repository path (`ns/repo`, maybe deeper). */
  repo: string;
  tag: string;
}

const MAX_REF = 512;
const REPO_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;

/** The repository and tag a task string names, or undefined when it names none. */
export function parseArtifactRef(text: string): ArtifactRef | undefined {
  if (text.length === 0 || text.length > MAX_REF) return undefined;
  let rest = text.trim();
  // `host[:port]/…`: a first component with a dot or a port, or localhost, is the registry's domain.
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') rest = rest.slice(slash + 1);
  }
  const colon = rest.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const repo = rest.slice(0, colon);
  const tag = rest.slice(colon + 1);
  if (!TAG.test(tag) || repo.length > 255) return undefined;
  const parts = repo.split('/');
  if (parts.length < 2 || !parts.every((p) => REPO_COMPONENT.test(p))) return undefined;
  return { repo, tag };
}

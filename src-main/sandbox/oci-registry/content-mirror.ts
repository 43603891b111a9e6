// Keeps the in-process registries in step with the sandbox's replication engine: a pushed tag
// (the demo's activity, the push control) gets generated content, a delete removes the tag, and
// a cloud run's copy between two in-process instances lands the source's manifest and blobs on
// the target, so what 触发同步 reports is what the target's registry then holds.
import type { ContentChange, ContentPlace } from '../replication-engine.js';
import type { DemoContent } from './demo-content.js';
import { fillArtifact } from './demo-fill.js';
import type { OciRegistry } from './registry.js';
import { copyTagged } from './store-copy.js';

export function contentMirror(
  registries: ReadonlyMap<string, { registry: OciRegistry }>,
  content: DemoContent,
  onError: (error: unknown) => void,
): (change: ContentChange) => void {
  const place = (at: ContentPlace) => {
    const found = registries.get(at.registryId);
    return found ? { store: found.registry.store, name: `${at.namespace}/${at.repository}` } : undefined;
  };
  return (change) => {
    try {
      if (change.kind === 'pushed') {
        const target = place(change.at);
        if (target) fillArtifact(target.store, change.at.namespace, change.at.repository, change.artifact, content);
      } else if (change.kind === 'deleted') {
        const target = place(change.at);
        target?.store.deleteManifest(target.name, change.tag);
      } else {
        const from = place(change.from);
        const to = place(change.to);
        if (from && to) copyTagged(from, to, change.tag);
      }
    } catch (error) {
      // The run's outcome is the engine's; a registry that cannot follow (full) is only logged.
      onError(error);
    }
  };
}

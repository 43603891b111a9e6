// An OCI Distribution registry in memory, for the sandbox's instances: the routes of
// routes.ts, guarded as distribution's `auth: token` guards them, over a RegistryStore.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import { type AccessRecord, allows, challenge, neededAccess, verifyToken } from './access.js';
import { deleteBlob, getBlob } from './blob-routes.js';
import { OciError } from './errors.js';
import { errorReply, readBody, type Reply, send } from './http-io.js';
import { catalog, tagList } from './list-routes.js';
import { deleteManifest, getManifest, MANIFEST_BODY_LIMIT, putManifest } from './manifest-routes.js';
import { parseRoute, type Route } from './routes.js';
import { RegistryStore, type StoredManifest, type TagGuard } from './store.js';
import {
  type BodyReader,
  cancelUpload,
  completeUpload,
  patchUpload,
  startUpload,
  uploadStatus,
} from './upload-routes.js';
import { type UploadOptions, UploadSessions } from './uploads.js';

/** Who the registry trusts: the sandbox's token service. */
export interface RegistryAuth {
  /** `http://127.0.0.1:PORT/service/token` */
  realm: string;
  /** The instance's registry id: the tokens' audience. */
  service: string;
  issuer: string;
  /** The token service's public key (asked for lazily: made on first use). */
  key: () => KeyObject;
}

export interface OciRegistryOptions extends UploadOptions {
  auth: RegistryAuth;
  /** Content and uploads in flight together; default 1 GiB. */
  maxBytes?: number;
  /** Refuses an immutable tag's overwrite or delete. */
  guard?: TagGuard;
  /**
   * Whether the namespace (a name's first component) exists: TCR, as Harbor, takes pushes only
   * into an existing namespace. Default: every namespace exists.
   */
  namespaceExists?: (namespace: string) => boolean;
  /** Told of a tag a client pushed or deleted over HTTP (the sandbox records it as a push to the instance). */
  onTag?: (change: TagChange) => void;
}

export type TagChange =
  | { kind: 'pushed'; name: string; tag: string; manifest: StoredManifest }
  | { kind: 'deleted'; name: string; tag: string };

const methodNotAllowed = (): OciError => new OciError(405, 'UNSUPPORTED', 'the operation is unsupported');

export class OciRegistry {
  readonly store: RegistryStore;
  readonly uploads: UploadSessions;
  readonly #auth: RegistryAuth;
  readonly #now: () => number;
  readonly #namespaceExists: (namespace: string) => boolean;
  readonly #onTag: (change: TagChange) => void;

  constructor(options: OciRegistryOptions) {
    this.store = new RegistryStore(options.maxBytes ?? 1024 ** 3, options.guard ? { guard: options.guard } : {});
    this.uploads = new UploadSessions(this.store, options);
    this.#auth = options.auth;
    this.#now = options.now ?? Date.now;
    this.#namespaceExists = options.namespaceExists ?? (() => true);
    this.#onTag = options.onTag ?? (() => undefined);
  }

  /** A push into a namespace that does not exist is refused, as Harbor refuses it. */
  #assertNamespace(name: string): void {
    const slash = name.indexOf('/');
    const namespace = slash < 0 ? '' : name.slice(0, slash);
    if (!namespace || !this.#namespaceExists(namespace)) {
      throw new OciError(404, 'NAME_UNKNOWN', `namespace ${namespace || name} does not exist`, { name });
    }
  }

  /** Answers one HTTP request (never throws: every failure is an OCI error reply). */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    let reply: Reply;
    try {
      reply = await this.#answer(request, method);
    } catch (error) {
      if (!(error instanceof OciError)) throw error;
      reply = errorReply(error);
    }
    // A refused request's body (unauthenticated, too large, at a wrong offset) is not waited for.
    if (reply.status >= 400 && !request.complete) reply.headers = { ...reply.headers, Connection: 'close' };
    send(response, reply, method === 'HEAD');
  }

  async #answer(request: IncomingMessage, method: string): Promise<Reply> {
    const url = new URL(request.url ?? '/', 'http://registry');
    const route = parseRoute(url.pathname);
    if (!route) return { status: 404, body: { errors: [{ code: 'NOT_FOUND', message: 'page not found' }] } };
    const mountFrom =
      route.kind === 'uploads' && method === 'POST' ? (url.searchParams.get('from') ?? undefined) : undefined;
    const refusal = this.#authorize(request.headers.authorization, neededAccess(method, route, mountFrom));
    if (refusal) return refusal;
    const body: BodyReader = (max) => readBody(request, max);
    return this.#dispatch(route, method, url.searchParams, request, body);
  }

  /** Undefined when the token grants what the request needs, else the 401 and its challenge. */
  #authorize(header: string | undefined, needed: AccessRecord[]): Reply | undefined {
    const match = /^bearer\s+(\S+)$/i.exec(header ?? '');
    const granted = match?.[1]
      ? verifyToken(match[1], {
          key: this.#auth.key(),
          issuer: this.#auth.issuer,
          service: this.#auth.service,
          now: Math.floor(this.#now() / 1000),
        })
      : undefined;
    if (granted && allows(granted, needed)) return undefined;
    const error = new OciError(401, 'UNAUTHORIZED', 'authentication required', needed);
    return errorReply(error, {
      'WWW-Authenticate': challenge(this.#auth.realm, this.#auth.service, needed, granted !== undefined),
    });
  }

  async #dispatch(
    route: Route,
    method: string,
    search: URLSearchParams,
    request: IncomingMessage,
    body: BodyReader,
  ): Promise<Reply> {
    const store = this.store;
    const reading = method === 'GET' || method === 'HEAD';
    switch (route.kind) {
      case 'ping':
        if (!reading) throw methodNotAllowed();
        return { status: 200, body: {} };
      case 'catalog':
        if (method !== 'GET') throw methodNotAllowed();
        return catalog(store, search);
      case 'tags':
        if (method !== 'GET') throw methodNotAllowed();
        return tagList(store, route.name, search);
      case 'manifest':
        if (reading) return getManifest(store, route.name, route.reference);
        if (method === 'PUT') {
          this.#assertNamespace(route.name);
          const bytes = await body(MANIFEST_BODY_LIMIT);
          const reply = putManifest(store, route.name, route.reference, bytes, request.headers['content-type']);
          const manifest = store.manifest(route.name, route.reference);
          if (manifest && !route.reference.startsWith('sha256:')) {
            this.#onTag({ kind: 'pushed', name: route.name, tag: route.reference, manifest });
          }
          return reply;
        }
        if (method === 'DELETE') {
          const tags = route.reference.startsWith('sha256:')
            ? store.tagsOf(route.name, route.reference)
            : [route.reference];
          const reply = deleteManifest(store, route.name, route.reference);
          for (const tag of tags) this.#onTag({ kind: 'deleted', name: route.name, tag });
          return reply;
        }
        throw methodNotAllowed();
      case 'blob':
        if (reading) return getBlob(store, route.name, route.digest, request.headers.range);
        if (method === 'DELETE') return deleteBlob(store, route.name, route.digest);
        throw methodNotAllowed();
      case 'uploads':
        if (method !== 'POST') throw methodNotAllowed();
        this.#assertNamespace(route.name);
        return startUpload(store, this.uploads, route.name, search, body);
      case 'upload':
        if (method === 'PATCH') {
          const range = request.headers['content-range'];
          return patchUpload(this.uploads, store, route.name, route.id, range, body);
        }
        if (method === 'PUT') return completeUpload(this.uploads, store, route.name, route.id, search, body);
        if (method === 'GET') return uploadStatus(this.uploads, route.name, route.id);
        if (method === 'DELETE') return cancelUpload(this.uploads, route.name, route.id);
        throw methodNotAllowed();
    }
  }
}

// Import rights: which folders each folder of the app may import, the one table that lint
// (rule `layers/import-rights`) and tests/unit/layering.test.ts enforce and that
// docs/ARCHITECTURE.md describes. A folder not in the table may import nothing of the app: a new
// folder needs its row first. The most specific row wins (src-main/services/profiles before
// src-main/services).
//
// Imports run one way: shell, web-host → app → ipc → services → {domain, tcr, oci, accounts,
// storage, sandbox} → base, contract. Inside services, each feature names the features it builds on.

const S = 'src-main';
const below = [`${S}/contract`, `${S}/base`];
const infrastructure = [`${S}/domain`, `${S}/storage`, `${S}/accounts`, `${S}/tcr`, `${S}/oci`, ...below];
const service = (...features) => [
  `${S}/services/shared`,
  ...features.map((f) => `${S}/services/${f}`),
  ...infrastructure,
];

/** @type {Record<string, string[]>} folder → folders it may import (itself always). */
export const importRights = {
  [`${S}/base`]: [],
  [`${S}/contract`]: [`${S}/base`],
  [`${S}/domain`]: [`${S}/contract`, `${S}/base`],
  [`${S}/storage`]: below,
  [`${S}/accounts`]: [`${S}/storage`, `${S}/domain`, ...below],
  [`${S}/tcr`]: [`${S}/domain`, ...below],
  // The OCI copy engine of "sync now" (registry to registry, no cloud API).
  [`${S}/oci`]: [`${S}/domain`, ...below],
  [`${S}/sandbox`]: [`${S}/domain`, `${S}/base`],

  [`${S}/services/shared`]: [`${S}/domain`, ...below],
  [`${S}/services/app-state`]: service(),
  [`${S}/services/profiles`]: service('app-state'),
  [`${S}/services/cloud`]: service('app-state', 'profiles'),
  [`${S}/services/instances`]: service('cloud'),
  [`${S}/services/connection`]: service('cloud', 'profiles', 'instances'),
  // Coming features, in the order the issues build them.
  [`${S}/services/rules`]: service('app-state', 'profiles', 'cloud', 'instances'),
  [`${S}/services/sync-log`]: service('app-state', 'profiles', 'cloud', 'rules'),
  [`${S}/services/watcher`]: service('app-state', 'profiles', 'cloud', 'rules', 'sync-log'),
  [`${S}/services/notifications`]: service('app-state', 'watcher', 'sync-log'),
  [`${S}/services/sync-now`]: service('app-state', 'profiles', 'cloud', 'rules', 'sync-log'),

  [`${S}/ipc`]: [`${S}/services/shared`, ...below],
  [`${S}/app`]: [`${S}/ipc`, `${S}/services`, `${S}/sandbox`, ...infrastructure],
  [`${S}/web-host`]: [`${S}/app`, `${S}/domain`, ...below],
  [`${S}/shell`]: [`${S}/app`, `${S}/domain`, ...below],

  // The renderer: only types from the contract (rule `layers/renderer-types-only`).
  'src-renderer': [`${S}/contract`],
};

/** Packages only some folders may use. */
export const packageRights = {
  electron: [`${S}/shell`],
  'tencentcloud-sdk-nodejs': [`${S}/tcr`],
  '@napi-rs/keyring': [`${S}/accounts`],
  ws: [`${S}/web-host`],
};

/** Folders that run in every process (or are pure): no Node API at all, types excepted. */
export const noNodeApis = [`${S}/contract`, `${S}/domain`];

/** Folders that may import the app's code as types only. */
export const typesOnly = ['src-renderer'];

// Rules as the export sees them, shared by the JSON, Terraform and import tests.
import type { TransferRule } from '../../../src-main/domain/rule-export.js';

/** A same-account rule in the console's terms (the demo's platform-to-shanghai). */
export const sameAccount: TransferRule = {
  name: 'platform-to-shanghai',
  description: '平台服务镜像同步到上海生产',
  source: {
    account: { profile: 'Acme prod', uin: '100012345678' },
    instanceId: 'tcr-7f3k9q2m',
    instanceName: 'acme-prod-gz',
    regionId: 1,
    region: 'ap-guangzhou',
  },
  filters: [
    { type: 'name', value: 'platform/**' },
    { type: 'tag', value: '' },
    { type: 'resource', value: 'image' },
  ],
  target: {
    instanceId: 'tcr-2h8v4n6p',
    instanceName: 'acme-prod-sh',
    regionId: 4,
    region: 'ap-shanghai',
    account: { profile: 'Acme prod', uin: '100012345678' },
    crossAccount: false,
  },
  override: true,
  enabled: true,
};

/** A cross-account rule: its token must come from a variable. */
export const crossAccount: TransferRule = {
  name: 'release-to-globex',
  description: 'Released gateway versions for our partner Globex',
  source: sameAccount.source,
  filters: [
    { type: 'name', value: 'platform/api-gateway' },
    { type: 'tag', value: 'v*' },
    { type: 'resource', value: 'image' },
  ],
  target: {
    instanceId: 'tcr-4nq6s2dk',
    instanceName: 'globex-main-sg',
    regionId: 9,
    region: 'ap-singapore',
    account: { profile: 'Globex', uin: '200087654321' },
    crossAccount: true,
    namespace: 'acme-mirror',
  },
  override: false,
  deletion: false,
  enabled: true,
};

/** Filters the console could not have made (no namespace, a label): kept raw. */
export const rawFilters: TransferRule = {
  name: 'everything-labelled',
  description: '',
  source: sameAccount.source,
  filters: [
    { type: 'name', value: '{library,harbor}/**' },
    { type: 'label', value: 'release' },
  ],
  target: { instanceId: 'tcr-9zz9zz9z', crossAccount: undefined },
  override: false,
  enabled: false,
};

/** Every character HCL must escape, and some it must keep. */
export const escaping: TransferRule = {
  ...sameAccount,
  name: 'escape.me',
  description: 'Say "hi" \\ to ${var.x} and %{if true}x%{endif}\nline two\ttab — 中文 ✓ $${kept}',
  filters: [{ type: 'tag', value: 'v${1}"\\' }],
};

// The CAM policy a dedicated sub-account of the target account needs for cross-account sync: the
// token it makes carries all its rights (seed: 访问凭证拥有的权限与创建该凭证的子账号拥有的权限保持一致),
// so it should hold only this — push to the target instance (namespace created when missing) and
// making the token. Plain TypeScript: unit-tested.

export interface PolicyTarget {
  /** The target account's ID; `*` when it is not known yet. */
  uin: string;
  /** The target instance's region (`ap-shanghai`); `*` when not known. */
  regionName: string;
  registryId: string;
  /** The namespace the rule writes to on the target; '' = any (a raw rule, or not typed yet). */
  namespace: string;
}

const ID = /^[A-Za-z0-9._-]+$/;

/** A value for the resource string, or `*` when it is empty or not a plain ID (never injected). */
function part(value: string): string {
  const v = value.trim();
  return v !== '' && ID.test(v) ? v : '*';
}

/** The policy as CAM takes it (policy syntax 2.0), pretty-printed for copying. */
export function syncPolicyJson(target: PolicyTarget): string {
  const prefix = `qcs::tcr:${part(target.regionName)}:uin/${part(target.uin)}`;
  const registry = part(target.registryId);
  const namespace = part(target.namespace);
  const policy = {
    version: '2.0',
    statement: [
      {
        effect: 'allow',
        action: ['tcr:PushRepository', 'tcr:PullRepository', 'tcr:CreateRepository'],
        resource: [`${prefix}:repository/${registry}/${namespace}/*`],
      },
      {
        effect: 'allow',
        action: ['tcr:CreateNamespace', 'tcr:CreateInstanceToken'],
        resource: [`${prefix}:instance/${registry}`],
      },
    ],
  };
  return JSON.stringify(policy, null, 2);
}

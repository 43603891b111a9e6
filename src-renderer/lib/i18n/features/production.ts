// UI text of one feature in both languages; en.ts and zh-CN.ts take it in whole, so the keys are
// checked the same way as theirs (a key missing in zh-CN fails the type check).

export const productionEn = {
  'production.badge': 'PROD',
  'production.badgeTitle': 'Production account',
  'production.tag': 'production',
  'production.field.label': 'Production account',
  'production.field.hint': 'Every change to a sync rule from or to this account asks for the rule’s name to be typed.',
  'field.production.invalid': 'Tick the box or leave it empty.',
  'production.banner.one': '{name} is a production account: changes here reach production.',
  'production.banner.many': '{names} are production accounts: changes here reach production.',
  'production.confirm.typeName': 'This rule touches a production account. To confirm, type the rule’s name:',
  'production.summary.create': 'Creates “{rule}”: {source} → {target} ({side}).',
  'production.summary.update': 'Changes “{rule}”: {source} → {target} ({side}).',
  'production.summary.enable': 'Turns on “{rule}”: what is pushed to {source} syncs to {target} again ({side}).',
  'production.summary.disable':
    'Turns off “{rule}”: nothing syncs from {source} to {target} until it is turned on again ({side}).',
  'production.summary.delete': 'Deletes “{rule}” ({source} → {target}) for good ({side}).',
  'production.summary.deletionOn':
    'Turns on sync deletions in “{rule}”: what is deleted at {source} is deleted at {target} too ({side}).',
  'production.side.source': 'the source is production',
  'production.side.target': 'the target is production',
  'production.side.both': 'both ends are production',
  'production.side.none': 'no production account',
} as const;

export const productionZhCN: Record<keyof typeof productionEn, string> = {
  'production.badge': '生产',
  'production.badgeTitle': '生产账号',
  'production.tag': '生产',
  'production.field.label': '生产账号',
  'production.field.hint': '对来自或同步到此账号的规则所做的每项更改，都需要输入规则名称确认。',
  'field.production.invalid': '请勾选或保持不勾选。',
  'production.banner.one': '{name} 是生产账号：此处的更改会影响生产环境。',
  'production.banner.many': '{names} 是生产账号：此处的更改会影响生产环境。',
  'production.confirm.typeName': '此规则涉及生产账号。请输入规则名称以确认：',
  'production.summary.create': '新建规则“{rule}”：{source} → {target}（{side}）。',
  'production.summary.update': '修改规则“{rule}”：{source} → {target}（{side}）。',
  'production.summary.enable': '启用规则“{rule}”：推送到 {source} 的内容将重新同步到 {target}（{side}）。',
  'production.summary.disable': '关闭规则“{rule}”：重新启用前，{source} 的内容不再同步到 {target}（{side}）。',
  'production.summary.delete': '永久删除规则“{rule}”（{source} → {target}，{side}）。',
  'production.summary.deletionOn':
    '为规则“{rule}”开启同步删除：在 {source} 删除的内容，也会在 {target} 删除（{side}）。',
  'production.side.source': '同步源为生产账号',
  'production.side.target': '同步目标为生产账号',
  'production.side.both': '两端均为生产账号',
  'production.side.none': '不涉及生产账号',
};

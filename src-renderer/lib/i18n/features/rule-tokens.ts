// UI text of one feature in both languages; en.ts and zh-CN.ts take it in whole, so the keys are
// checked the same way as theirs (a key missing in zh-CN fails the type check).

export const ruleTokensEn = {
  'ruleTokens.title': 'Access token',
  'ruleTokens.col': 'Token',
  'ruleTokens.state.ok': 'Valid',
  'ruleTokens.state.expiring': 'Expires soon',
  'ruleTokens.state.expired': 'Expired',
  'ruleTokens.state.disabled': 'Disabled',
  'ruleTokens.state.deleted': 'Deleted on the target',
  'ruleTokens.state.noValidToken': 'No valid token on the target',
  'ruleTokens.state.unknown': 'Not made by this app',
  'ruleTokens.state.unverifiable': 'Cannot be checked',
  'ruleTokens.state.error': 'Could not be checked',
  'ruleTokens.explain.ok': 'The long-term token this app sent is enabled and does not expire soon.',
  'ruleTokens.explain.expiring':
    'The token expires on {date}. Every rule towards this account stops syncing then: create a new token (edit one of these rules in one-click mode) before that day.',
  'ruleTokens.explain.expired':
    'The token expired on {date}: the rules towards this account no longer sync. Create a new long-term token and save one of the rules again.',
  'ruleTokens.explain.disabled':
    'The token was disabled on the target instance: the rules towards this account no longer sync until it is enabled again.',
  'ruleTokens.explain.deleted':
    'The target instance no longer has the token this app sent: the rules towards this account no longer sync. Save one of them again to send a new token.',
  'ruleTokens.explain.noValidToken':
    'The target instance has no enabled, unexpired long-term token, so no token these rules could use is valid: they no longer sync.',
  'ruleTokens.explain.unknown':
    'The token was made in the console or pasted, and the cloud does not say which token a rule uses. The target has {count, plural, one {# valid long-term token} other {# valid long-term tokens}}; the soonest expires on {date}.',
  'ruleTokens.explain.unknownNever':
    'The token was made in the console or pasted, and the cloud does not say which token a rule uses. The target has {count, plural, one {# valid long-term token} other {# valid long-term tokens}}, none of which expires.',
  'ruleTokens.explain.unverifiable':
    'The target account is not one of your profiles, so its tokens cannot be read. Add that account as a profile to check them.',
  'ruleTokens.explain.error': 'The target’s tokens could not be read: {message}',
  'ruleTokens.keychain': 'Keychain',
  'ruleTokens.kept': 'Kept in the OS keychain',
  'ruleTokens.notKept': 'Not kept by this app',
  'ruleTokens.id': 'Token ID',
  'ruleTokens.expires': 'Expires',
  'ruleTokens.never': 'Never (long-term)',
  'ruleTokens.followers': 'Used by',
  'ruleTokens.checked': 'Checked {age}',
  'ruleTokens.recheck': 'Check again',
  'ruleTokens.checking': 'Checking…',
  'ruleTokens.unusedTitle':
    '{count, plural, one {# unused token waits to be deleted} other {# unused tokens wait to be deleted}}',
  'ruleTokens.unusedBody':
    'This app made these long-term tokens for rules the cloud then refused, and could not delete them yet. It tries again at every start and before every one-click save; Check again tries now.',
  'ruleTokens.warnSummary':
    '{count, plural, one {# cross-account token needs attention} other {# cross-account tokens need attention}}',
} as const;

export const ruleTokensZhCN: Record<keyof typeof ruleTokensEn, string> = {
  'ruleTokens.title': '访问凭证',
  'ruleTokens.col': '凭证',
  'ruleTokens.state.ok': '有效',
  'ruleTokens.state.expiring': '即将过期',
  'ruleTokens.state.expired': '已过期',
  'ruleTokens.state.disabled': '已禁用',
  'ruleTokens.state.deleted': '已在目标实例删除',
  'ruleTokens.state.noValidToken': '目标实例无有效凭证',
  'ruleTokens.state.unknown': '非本应用创建',
  'ruleTokens.state.unverifiable': '无法检查',
  'ruleTokens.state.error': '检查失败',
  'ruleTokens.explain.ok': '本应用发送的长期访问凭证已启用，且不会很快过期。',
  'ruleTokens.explain.expiring':
    '该凭证将于 {date} 过期，届时同步到该账号的所有规则都会停止。请在此之前创建新的凭证（以一键模式编辑其中一条规则）。',
  'ruleTokens.explain.expired':
    '该凭证已于 {date} 过期，同步到该账号的规则已不再同步。请创建新的长期访问凭证并重新保存其中一条规则。',
  'ruleTokens.explain.disabled': '该凭证已在目标实例上被禁用，在重新启用之前，同步到该账号的规则不会再同步。',
  'ruleTokens.explain.deleted':
    '目标实例上已没有本应用发送的凭证，同步到该账号的规则已不再同步。重新保存其中一条规则即可发送新的凭证。',
  'ruleTokens.explain.noValidToken':
    '目标实例上没有已启用且未过期的长期访问凭证，这些规则可用的凭证都已失效，已不再同步。',
  'ruleTokens.explain.unknown':
    '该凭证是在控制台创建或手动粘贴的，云端不会告知规则使用的是哪个凭证。目标实例有 {count} 个有效的长期访问凭证，最早的将于 {date} 过期。',
  'ruleTokens.explain.unknownNever':
    '该凭证是在控制台创建或手动粘贴的，云端不会告知规则使用的是哪个凭证。目标实例有 {count} 个有效的长期访问凭证，均不会过期。',
  'ruleTokens.explain.unverifiable': '目标账号不是您的配置之一，无法读取其凭证。将该账号添加为配置后即可检查。',
  'ruleTokens.explain.error': '无法读取目标实例的凭证：{message}',
  'ruleTokens.keychain': '钥匙串',
  'ruleTokens.kept': '已保存在系统钥匙串中',
  'ruleTokens.notKept': '未由本应用保存',
  'ruleTokens.id': '凭证 ID',
  'ruleTokens.expires': '过期时间',
  'ruleTokens.never': '永不过期（长期）',
  'ruleTokens.followers': '使用该凭证的规则',
  'ruleTokens.checked': '{age}检查',
  'ruleTokens.recheck': '重新检查',
  'ruleTokens.checking': '正在检查…',
  'ruleTokens.unusedTitle': '有 {count} 个未使用的凭证等待删除',
  'ruleTokens.unusedBody':
    '本应用为被云端拒绝的规则创建了这些长期访问凭证，但尚未能删除。每次启动和每次一键保存前都会重试；点击“重新检查”可立即重试。',
  'ruleTokens.warnSummary': '有 {count} 个跨账号凭证需要处理',
};

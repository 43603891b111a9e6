// The contract's channel and event names without their schemas: the preload checks names with
// these and so does not bundle zod. channels.ts must define exactly these (checked by `satisfies`).

export const channelNames = [
  'app:info',
  'app:alerts',
  'app:dismissAlert',
  'settings:get',
  'settings:update',
  'keychain:status',
  'keychain:recheck',
  'keychain:wait',
  'keychain:cancel',
  'profiles:list',
  'profiles:check',
  'profiles:create',
  'profiles:update',
  'profiles:delete',
  'tccli:scan',
  'tccli:import',
  'tccli:deletePlaintext',
  'profiles:test',
  'profiles:cancelTest',
  'instances:view',
  'instances:refresh',
  'instances:cancel',
  'sandbox:status',
  'sandbox:addAccounts',
  'rules:list',
  'rules:refresh',
  'rules:cancel',
  'rules:setEnabled',
  'rules:delete',
  'rules:request',
  'rules:check',
  'rules:create',
  'rules:update',
  'drafts:list',
  'drafts:discard',
  'rules:tokens',
  'rules:preview',
  'rules:cancelPreview',
  'rules:export',
  'rules:import',
  'rules:cancelImport',
  'runs:list',
  'runs:tasks',
  'notifications:list',
  'notifications:markRead',
  'notifications:clear',
  'notifications:mute',
  'rules:syncNow',
  'runs:retryFailed',
  'copy:cancel',
  'copy:list',
] as const;
export type Channel = (typeof channelNames)[number];

export const eventNames = [
  'profiles:changed',
  'keychain:status',
  'keychain:wait',
  'settings:changed',
  'app:alerts',
  'instances:changed',
  'rules:changed',
  'drafts:changed',
  'rules:previewProgress',
  'rules:importProgress',
  'runs:changed',
  'sync:finished',
  'notifications:changed',
  'app:navigate',
  'copy:progress',
] as const;
export type EventName = (typeof eventNames)[number];

const channelSet: ReadonlySet<string> = new Set(channelNames);
const eventSet: ReadonlySet<string> = new Set(eventNames);

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && channelSet.has(name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && eventSet.has(name);
}

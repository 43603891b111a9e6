// The Rules table's columns: what each shows, sorts by and is found by. How cells look (the
// snippets) is added by the view. What a rule syncs is said in the console's terms (命名空间 /
// 仓库名称 / 版本Tag / 仓库类型) when its filters fit them, else as its raw filters.
import type {
  ProfileFetchState,
  ProfileView,
  RuleFilterView,
  RuleRow,
  RuleTokenView,
  SyncRun,
} from '../../../src-main/contract/index.js';
import type { MessageKey } from '../i18n/en.js';
import { regionLabel, regionName } from '../region-labels.js';
import { statusLabel } from '../run-format.js';
import { tokenRank } from '../token-health.js';
import type { DataColumn } from './data-column.js';
import type { Labels } from './labels.js';

/** A row of the Rules table: the rule, its account, how fresh its data is, and its target as known. */
export interface RuleItem {
  key: string;
  row: RuleRow;
  profile: ProfileView | undefined;
  state: ProfileFetchState | undefined;
  /** The account's latest refresh failed: this is its last known data. */
  stale: boolean;
  /** The profile that knows the target instance (the rule's own for a rule within one account). */
  targetProfile: ProfileView | undefined;
}

/** What a rule syncs, in the console's terms, as words of the UI language. */
export interface ConsoleTerms {
  namespace: string;
  repository: string;
  tag: string;
  resource: string;
}

const resourceKeys: Readonly<Record<string, MessageKey>> = {
  image: 'rules.resource.image',
  chart: 'rules.resource.chart',
  '': 'rules.resource.all',
};

/** The console's fields of a rule, with "all repositories", "all tags", "images" in words. */
export function consoleTerms(labels: Labels, row: RuleRow): ConsoleTerms | undefined {
  const selection = row.console;
  if (!selection) return undefined;
  const resourceKey = resourceKeys[selection.resource];
  return {
    namespace: selection.namespace,
    repository: selection.repository || labels.t('rules.allRepositories'),
    tag: selection.tag ? labels.t('rules.tagIs', { tag: selection.tag }) : labels.t('rules.allTags'),
    resource: resourceKey ? labels.t(resourceKey) : selection.resource,
  };
}

/** A raw filter as the API holds it: `name: platform/**`, `tag: ""`. */
export function filterText(filter: RuleFilterView): string {
  return `${filter.type}: ${filter.value === '' ? '""' : filter.value}`;
}

/** What the rule syncs, as one line: `platform / all repositories · all tags · images`, or its raw filters. */
export function syncsText(labels: Labels, row: RuleRow): string {
  const terms = consoleTerms(labels, row);
  if (terms) return `${terms.namespace} / ${terms.repository} · ${terms.tag} · ${terms.resource}`;
  return row.filters.map(filterText).join(', ');
}

/** The source as the cell shows it: account · region · instance. */
export function sourceText(labels: Labels, item: RuleItem): string {
  return [item.profile?.name ?? '', regionLabel(item.row.source.regionName, labels.language), item.row.source.name]
    .filter(Boolean)
    .join(' · ');
}

/** The target's instance: its name when a profile knows it, else its ID, else what the API said. */
export function targetInstanceText(item: RuleItem): string {
  const target = item.row.target;
  return target.name || target.registryId || target.raw;
}

/** The target is in the rule's own account: the same profile, or a profile of the same account ID. */
export function isSameAccount(item: RuleItem): boolean {
  const target = item.row.target.profileId;
  if (target === undefined) return false;
  if (target === item.row.profileId) return true;
  const uin = item.profile?.uin;
  return uin !== undefined && uin !== '' && uin === item.targetProfile?.uin;
}

/**
 * The target's account: "same account", or the profile that knows the target; undefined when no
 * profile knows it (the API does not say whose it is).
 */
export function targetAccountText(labels: Labels, item: RuleItem): string | undefined {
  if (isSameAccount(item)) return labels.t('rules.sameAccount');
  return item.targetProfile?.name;
}

/** The account ID of a cross-account rule's target, when the profile that knows it has one. */
export function targetUin(item: RuleItem): string | undefined {
  return isSameAccount(item) ? undefined : item.targetProfile?.uin || undefined;
}

/** The target as the cell shows it: account (and its ID) · instance. */
export function targetText(labels: Labels, item: RuleItem): string {
  return [targetAccountText(labels, item), targetUin(item), targetInstanceText(item)].filter(Boolean).join(' · ');
}

/** The target in full, for the cell's tooltip: account · region · instance. */
export function targetTitle(labels: Labels, item: RuleItem): string {
  const region = item.row.target.regionName;
  return [
    targetAccountText(labels, item),
    targetUin(item),
    region ? regionLabel(region, labels.language) : undefined,
    targetInstanceText(item),
  ]
    .filter(Boolean)
    .join(' · ');
}

export function enabledText(labels: Labels, row: RuleRow): string {
  return labels.t(row.enabled ? 'rules.enabled' : 'rules.disabled');
}

export function overrideText(labels: Labels, row: RuleRow): string {
  return labels.t(row.override ? 'rules.override.on' : 'rules.override.off');
}

/** "last known, fetched 5 minutes ago" on the rows of an account whose latest refresh failed. */
export function ruleStaleTag(labels: Labels, item: RuleItem, now: number): string | undefined {
  const fetchedAt = item.state?.fetchedAt;
  return item.stale && fetchedAt
    ? labels.t('instances.staleTag', { age: labels.formatAge(fetchedAt, now) })
    : undefined;
}

/** A region's names in both languages and its code: a rule is found by any of them. */
function regionWords(code: string): string[] {
  return [regionName(code, 'en'), regionName(code, 'zh-CN'), code].filter((w): w is string => w !== undefined);
}

/** The health of the token a cross-account rule depends on, in words; '' for a rule without one. */
export function tokenText(labels: Labels, token: RuleTokenView | undefined): string {
  return token ? labels.t(`ruleTokens.state.${token.state}` as MessageKey) : '';
}

export function ruleColumns(
  labels: Labels,
  now: () => number,
  /** The token a rule depends on (cross-account rules only). */
  tokenOf: (item: RuleItem) => RuleTokenView | undefined = () => undefined,
  /** The rule's newest run the app has seen (Recent runs). */
  lastRunOf: (item: RuleItem) => SyncRun | undefined = () => undefined,
): Omit<DataColumn<RuleItem>, 'cell'>[] {
  return [
    {
      id: 'name',
      header: 'rules.col.name',
      text: (i) => i.row.name,
      search: (i) => [String(i.row.policyId)],
      priority: 1,
      minWidth: 150,
      class: 'name',
    },
    {
      id: 'source',
      header: 'rules.col.source',
      text: (i) => sourceText(labels, i),
      search: (i) => {
        const words = [...regionWords(i.row.source.regionName), i.row.source.registryId];
        if (i.profile?.source === 'sandbox') words.push(labels.t('sandbox.tag'));
        if (i.profile?.production) words.push(labels.t('production.tag'), labels.t('production.badge'));
        const stale = ruleStaleTag(labels, i, now());
        if (stale) words.push(stale);
        return words;
      },
      priority: 1,
      minWidth: 190,
      wrap: true,
    },
    {
      id: 'syncs',
      header: 'rules.col.syncs',
      text: (i) => syncsText(labels, i.row),
      search: (i) => [...(i.row.console ? [] : [labels.t('rules.customFilters')]), ...i.row.filters.map(filterText)],
      priority: 1,
      minWidth: 190,
      wrap: true,
    },
    {
      id: 'target',
      header: 'rules.col.target',
      text: (i) => targetText(labels, i),
      search: (i) => [
        i.row.target.raw,
        ...(i.row.target.regionName ? regionWords(i.row.target.regionName) : []),
        ...(i.targetProfile?.production ? [labels.t('production.tag'), labels.t('production.badge')] : []),
      ],
      title: (i) => targetTitle(labels, i),
      priority: 2,
      minWidth: 150,
      wrap: true,
    },
    {
      id: 'enabled',
      header: 'rules.col.enabled',
      text: (i) => enabledText(labels, i.row),
      // Enabled first when ascending.
      sortValue: (i) => (i.row.enabled ? 0 : 1),
      // The cell is the rule's switch (its track and its state): always shown.
      priority: 1,
      minWidth: 90,
      class: 'switch-cell',
    },
    {
      id: 'token',
      header: 'ruleTokens.col',
      text: (i) => tokenText(labels, tokenOf(i)),
      // Broken tokens first when ascending, rules without one last.
      sortValue: (i) => tokenRank(tokenOf(i)),
      // Empty for rules within one account: it gives way before the row's Delete does.
      priority: 4,
      minWidth: 110,
      wrap: true,
    },
    {
      id: 'override',
      header: 'rules.col.override',
      text: (i) => overrideText(labels, i.row),
      sortValue: (i) => (i.row.override ? 0 : 1),
      priority: 3,
      minWidth: 100,
    },
    {
      id: 'lastRun',
      header: 'runs.col.lastRun',
      text: (i) => {
        const run = lastRunOf(i);
        return run
          ? labels.t('runs.lastRun', {
              status: statusLabel(labels, run.status),
              age: labels.formatAge(run.startedAt, now()),
            })
          : '';
      },
      // Newest first when ascending would read oddly: by start time, rules never run last.
      sortValue: (i) => dateOf(lastRunOf(i)?.startedAt ?? ''),
      title: (i) => {
        const run = lastRunOf(i);
        return run ? labels.formatDate(run.startedAt) : undefined;
      },
      // After Overwrite (a console field) when the window is short of room; Recent runs has it all.
      priority: 3,
      minWidth: 120,
      wrap: true,
    },
    {
      id: 'description',
      header: 'rules.col.description',
      text: (i) => i.row.description,
      priority: 4,
      minWidth: 150,
      maxWidth: 260,
      title: (i) => i.row.description || undefined,
    },
    {
      id: 'created',
      header: 'rules.col.created',
      text: (i) => labels.formatDay(i.row.createdAt),
      sortValue: (i) => dateOf(i.row.createdAt),
      title: (i) => labels.formatDate(i.row.createdAt),
      priority: 5,
      minWidth: 100,
    },
    {
      id: 'updated',
      header: 'rules.col.updated',
      text: (i) => labels.formatDay(i.row.updatedAt),
      sortValue: (i) => dateOf(i.row.updatedAt),
      title: (i) => labels.formatDate(i.row.updatedAt),
      priority: 6,
      minWidth: 100,
    },
    {
      id: 'actions',
      header: 'rules.col.actions',
      headerHidden: true,
      text: () => '',
      sortable: false,
      // Delete in the row where there is room (before Last run and Overwrite: the row's own action
      // outranks what the detail pane shows anyway); the detail pane always has it.
      priority: 2,
      minWidth: 84,
      class: 'row-actions',
    },
  ];
}

/** A date to sort by; one the cloud left empty or garbled sorts last. */
function dateOf(iso: string): Date | undefined {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time);
}

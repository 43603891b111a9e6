// Naming rules the cloud enforces, as the console states them.

/** Namespace: 2–30 characters, lowercase letters, digits and `.` `_` `-`, no separator at the ends or twice in a row. */
export function isNamespaceName(name: string): boolean {
  return name.length >= 2 && name.length <= 30 && /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(name);
}

/** Sync rule: lowercase letters, digits and `-` `.` `_`, starting with a letter or digit. */
export function isRuleName(name: string): boolean {
  return name.length <= 60 && /^[a-z0-9][a-z0-9._-]*$/.test(name);
}

/** Repository path components as a registry accepts them (`team/app`, `web-console`). */
export function isRepositoryName(name: string): boolean {
  return name.length <= 200 && /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(name);
}

/** Docker tag grammar. */
export function isTag(tag: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag);
}

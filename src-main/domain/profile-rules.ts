/** Checks of a profile draft that need more than its shape: duplicates and soft warnings. */

export interface NamedProfile {
  id: string;
  name: string;
}

/** Display names compare without case and surrounding space, as a user reads them. */
export function normaliseName(name: string): string {
  return name.trim().normalize('NFKC').toLocaleLowerCase('en');
}

export function isNameTaken(name: string, others: readonly NamedProfile[], selfId?: string): boolean {
  const n = normaliseName(name);
  return others.some((p) => p.id !== selfId && normaliseName(p.name) === n);
}

/** A name not yet used, by appending " (2)", " (3)" … — for imports that meet a taken name. */
export function uniqueName(wanted: string, others: readonly NamedProfile[]): string {
  if (!isNameTaken(wanted, others)) return wanted;
  for (let i = 2; ; i++) {
    const candidate = `${wanted} (${i})`;
    if (!isNameTaken(candidate, others)) return candidate;
  }
}

/** Tencent Cloud SecretIds start with AKID and are 36 characters; others may still be valid (e.g. STS). */
export function secretIdWarning(secretId: string | undefined): string | undefined {
  if (secretId === undefined || secretId.length === 0) return undefined;
  if (!/^AKID[A-Za-z0-9]{32}$/.test(secretId)) return 'secretId.notAkid';
  return undefined;
}

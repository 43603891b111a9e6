/**
 * Shows a SecretId as its first 4 and last 4 characters around an ellipsis. Short values are
 * masked whole: showing 8 characters of a 10-character value would reveal nearly all of it.
 */
export function maskSecretId(secretId: string): string {
  const v = secretId.trim();
  if (v.length === 0) return '';
  if (v.length <= 12) return '•'.repeat(Math.min(v.length, 8));
  return `${v.slice(0, 4)}…${v.slice(-4)}`;
}

/** Calls one of the sandbox's control endpoints (`POST /__sandbox/<path>`) with a JSON body. */
export async function sandboxControl(
  endpoint: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${endpoint}/__sandbox/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The next `times` tasks towards instance `registryId` fail with `detail` (`times: 0` clears). */
export async function failReplication(
  endpoint: string,
  fault: { registryId: string; times?: number; detail?: string },
): Promise<{ pending: number }> {
  const reply = await sandboxControl(endpoint, 'fail-replication', fault);
  if (reply.status !== 200) throw new Error(`fail-replication: ${JSON.stringify(reply.body)}`);
  return reply.body as { pending: number };
}

/** Runs a rule now (触发同步): one execution, one task per source artifact its filters select. */
export async function runRule(
  endpoint: string,
  input: { registryId: string; ruleId?: number; ruleName?: string },
): Promise<{ executionId: number; tasks: number }> {
  const reply = await sandboxControl(endpoint, 'run-rule', input);
  if (reply.status !== 200) throw new Error(`run-rule: ${JSON.stringify(reply.body)}`);
  return reply.body as { executionId: number; tasks: number };
}

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

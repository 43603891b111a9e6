import type { TestInfo } from '@playwright/test';

/** Attaches a text (e.g. a process's output) to the report of a test that did not go as expected. */
export async function attachOnFailure(testInfo: TestInfo, name: string, text: string): Promise<void> {
  if (testInfo.status === testInfo.expectedStatus) return;
  await testInfo.attach(name, { body: text, contentType: 'text/plain' });
}

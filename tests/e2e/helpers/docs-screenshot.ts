import type { Page, TestInfo } from '@playwright/test';

/**
 * The README's pictures come from the specs that reach those screens. They are rewritten only
 * when asked (`UPDATE_DOCS_SCREENSHOTS=1 npm run test:e2e`): an ordinary run — CI's included —
 * leaves the working tree as it found it, and keeps its picture with the test's output.
 */
export async function docsScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path =
    process.env.UPDATE_DOCS_SCREENSHOTS === '1' ? `docs/screenshots/${name}.png` : testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
}

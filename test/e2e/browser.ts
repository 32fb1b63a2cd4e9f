/**
 * Headless Chromium for the export checks that need a real browser (Mermaid's parser and
 * renderer, the HTML page). Uses the system chromium (Debian: `apt-get install -y chromium`)
 * through playwright-core, with networking features off; pages are built from local files only.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

export const CHROMIUM = process.env.ROADMAP_CHROMIUM ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserUnavailable(): string | undefined {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (install it with \`apt-get install -y chromium\`, or set ROADMAP_CHROMIUM)`;
  return undefined;
}

export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

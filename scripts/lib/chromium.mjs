// Headless Debian Chromium for driving code-server (flags from /work/shared/notes/real-vscode-e2e.md).
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.DW_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** A fresh browser; Playwright gives it a throwaway profile. */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** WCAG 2.1 A and AA, as axe-core tags them (2.0's rules are part of 2.1). */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core over the page as it stands and fails on any WCAG 2.1 AA violation, naming each rule and the elements
 * it found, so a failure reads as what to fix. `view` names the screen in the message.
 */
export async function expectAccessible(page: Page, view: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const found = violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
  expect(found, `axe-core on ${view}`).toEqual([]);
}

/** The same audit with the system asking for light, then dark colours (contrast differs), then the browser's own again. */
export async function expectAccessibleInBothSchemes(page: Page, view: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectAccessible(page, `${view}, ${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: null });
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Locator, type Page } from '@playwright/test';

// axe-core in the page, for every spec that checks accessibility. It is evaluated through
// the debugging protocol rather than added as a <script>: the app's Content Security
// Policy rightly refuses inline scripts, and the check should run with that policy on.

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: Array<{ target: string[]; html: string }>;
}

export interface AxeOptions {
  /** Check only this part of the page. */
  within?: Locator;
  /** Leave colour contrast to the app-wide check (a11y.spec.ts): it comes from the theme, not from one page. */
  contrast?: boolean;
}

/** Every violation axe finds on the page (or the part) as it stands. */
export async function axeViolations(page: Page, opts: AxeOptions = {}): Promise<AxeViolation[]> {
  // Loaders gone and transitions settled: contrast and names are judged on the page a person sees.
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
  await page.waitForTimeout(400);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const options = { resultTypes: ['violations'], ...(opts.contrast === false ? { rules: { 'color-contrast': { enabled: false } } } : {}) };
  type Axe = { run: (ctx: Element | Document, o: object) => Promise<{ violations: AxeViolation[] }> };
  const pick = (vs: AxeViolation[]) => vs.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })) }));
  const run = opts.within
    ? opts.within.evaluate(async (el, o) => (await (window as unknown as { axe: Axe }).axe.run(el, o)).violations, options)
    : page.evaluate(async (o) => (await (window as unknown as { axe: Axe }).axe.run(document, o)).violations, options);
  return pick(await run);
}

/** The serious and critical violations, each as “rule: where”, so that a failing test says where to look. */
export async function axeSerious(page: Page, opts: AxeOptions = {}): Promise<string[]> {
  return (await axeViolations(page, opts))
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)}`).join(' | ')}`);
}

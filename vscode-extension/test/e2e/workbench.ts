/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Drives the VS Code workbench in the browser the way a user does: clicks, keys, and what the
// screen shows (status bar, Problems panel, editor widgets). Selectors are VS Code 1.100's.
import type { Page } from 'playwright-core';

export interface ProblemCounts {
  errors: number;
  warnings: number;
  infos: number;
}

const PROBLEMS_STATUS = '#status\\.problems';
const LANGUAGE_STATUS = '#status\\.languageStatus';
const PROBLEM_ROWS = '.markers-panel .monaco-list-row';

/** Reads the problem counts from the status bar item, e.g. "Errors: 2, Infos: 89". */
export async function problemCounts(page: Page): Promise<ProblemCounts> {
  const label = (await page.locator(PROBLEMS_STATUS).getAttribute('aria-label')) ?? '';
  const count = (name: string): number => Number(new RegExp(`${name}: (\\d+)`).exec(label)?.[1] ?? 0);
  return { errors: count('Errors'), warnings: count('Warnings'), infos: count('Infos') };
}

/** Waits until the status bar shows any problem; returns the counts. */
export async function waitForProblems(page: Page, timeoutMs: number): Promise<ProblemCounts> {
  await page.waitForFunction(
    (selector) => {
      const label = document.querySelector(selector)?.getAttribute('aria-label') ?? '';
      return label !== '' && !label.includes('No Problems');
    },
    PROBLEMS_STATUS,
    { timeout: timeoutMs, polling: 250 },
  );
  return problemCounts(page);
}

/** Waits until the status bar counts equal `expected` (diagnostics may arrive in steps). */
export async function waitForCounts(
  page: Page,
  expected: ProblemCounts,
  timeoutMs: number,
): Promise<ProblemCounts> {
  const deadline = Date.now() + timeoutMs;
  let counts = await problemCounts(page);
  while (Date.now() < deadline) {
    counts = await problemCounts(page);
    if (JSON.stringify(counts) === JSON.stringify(expected)) {
      break;
    }
    await page.waitForTimeout(250);
  }
  return counts;
}

/**
 * Waits until the language status entry (the `{}` next to the language) names `text` in its
 * label, which joins the items' texts and details ("a, detail, next: b"); returns the label.
 */
export async function waitForLanguageStatus(
  page: Page,
  text: string,
  timeoutMs: number,
): Promise<string> {
  await page.waitForFunction(
    ({ selector, expected }) =>
      document.querySelector(selector)?.getAttribute('aria-label')?.includes(expected) === true,
    { selector: LANGUAGE_STATUS, expected: text },
    { timeout: timeoutMs, polling: 250 },
  );
  return (await page.locator(LANGUAGE_STATUS).getAttribute('aria-label')) ?? '';
}

/** Records each label the language status entry takes from now on; returns them when asked. */
export async function recordLanguageStatus(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate((selector) => {
    const entry = document.querySelector(selector);
    const seen: string[] = [];
    Object.assign(window, { languageStatusLabels: seen });
    if (entry !== null) {
      new MutationObserver(() => seen.push(entry.getAttribute('aria-label') ?? '')).observe(entry, {
        attributes: true,
        attributeFilter: ['aria-label'],
      });
    }
  }, LANGUAGE_STATUS);
  return () =>
    page.evaluate(() => (window as unknown as { languageStatusLabels: string[] }).languageStatusLabels);
}

/** Opens the language status hover, as a click on `{}` does; returns its item rows. */
export async function showLanguageStatus(page: Page): Promise<string[]> {
  await page.locator(`${LANGUAGE_STATUS} a`).click();
  const rows = page.locator('.hover-language-status');
  await rows.first().waitFor({ state: 'visible', timeout: 10_000 });
  return (await rows.allInnerTexts()).map((row) => row.replace(/\s+/g, ' ').trim());
}

export async function openFileFromExplorer(page: Page, name: string): Promise<void> {
  await page.click(`.explorer-folders-view .monaco-list-row[aria-label*="${name}"]`, {
    timeout: 60_000,
  });
  await page.waitForSelector(`.tab.active[aria-label*="${name}"]`, { timeout: 30_000 });
}

export async function showProblemsPanel(page: Page): Promise<void> {
  if (!(await page.locator('.markers-panel').isVisible())) {
    await page.keyboard.press('Control+Shift+M');
  }
  await page.waitForSelector('.markers-panel', { state: 'visible', timeout: 10_000 });
}

/**
 * Types `text` into the Problems filter and returns the texts of the problem rows shown (their
 * label starts with the severity; file rows and related-information rows are left out).
 */
export async function filterProblems(page: Page, text: string): Promise<string[]> {
  const input = page.locator('.markers-panel-container input, .panel input[placeholder^="Filter"]');
  await input.first().fill(text);
  // The tree refreshes asynchronously: wait until every marker row shown matches the filter.
  await page
    .waitForFunction(
      ({ selector, filter }) => {
        const rows = [...document.querySelectorAll(selector)].filter((row) =>
          /^(Error|Warning|Info|Hint): /.test(row.getAttribute('aria-label') ?? ''),
        );
        return rows.length > 0 && rows.every((row) => row.textContent.includes(filter));
      },
      { selector: PROBLEM_ROWS, filter: text },
      { timeout: 15_000, polling: 250 },
    )
    .catch(() => undefined);
  // One snapshot of the rendered rows (the list is virtualised and re-renders).
  return page.locator(PROBLEM_ROWS).evaluateAll((rows) =>
    rows
      .filter((row) => /^(Error|Warning|Info|Hint): /.test(row.getAttribute('aria-label') ?? ''))
      .map((row) => (row as HTMLElement).innerText.replace(/\n/g, ' ')),
  );
}

export async function focusEditor(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
}

/** Waits until the status bar shows the cursor at `line`, `column` (1-based). */
export async function waitForCursor(page: Page, line: number, column: number): Promise<void> {
  await page.waitForFunction(
    (expected) =>
      document.querySelector('#status\\.editor\\.selection')?.textContent.includes(expected),
    `Ln ${line}, Col ${column}`,
    { timeout: 10_000 },
  );
}

/** Moves the cursor with Go to Line (1-based line and column, as the user types them). */
export async function goToLine(page: Page, line: number, column: number): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quick-input-widget', { state: 'hidden' });
  await waitForCursor(page, line, column);
}

/** Opens the first problem row containing `text` (select it, then Enter, as with the keyboard). */
export async function openProblemRow(page: Page, text: string): Promise<void> {
  const row = page.locator(`${PROBLEM_ROWS}[aria-label^="Error"], ${PROBLEM_ROWS}[aria-label^="Warning"], ${PROBLEM_ROWS}[aria-label^="Info"]`, {
    hasText: text,
  });
  // Click on the message, left of the rule id (which links to the rule's documentation).
  await row.first().click({ position: { x: 80, y: 10 } });
  await page.keyboard.press('Enter');
}

/** Opens a workspace file with Quick Open (Ctrl+P), by its relative path. */
export async function quickOpen(page: Page, relativePath: string): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(relativePath);
  const name = relativePath.split('/').pop() ?? relativePath;
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab.active[aria-label*="${name}"]`, { timeout: 30_000 });
}

/** Runs a command from the Command Palette by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(title);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${title}"]`);
  await page.keyboard.press('Enter');
}

/** The texts of the visible notification toasts. */
export async function notifications(page: Page): Promise<string[]> {
  return page.locator('.notification-toast').allInnerTexts();
}

/** Opens the quick fix menu at the cursor and returns the titles of its actions. */
export async function openQuickFixes(page: Page): Promise<string[]> {
  await page.keyboard.press('Control+.');
  const actions = page.locator('.action-widget .monaco-list-row.action');
  await actions.first().waitFor({ timeout: 15_000 });
  return actions.allInnerTexts();
}

/** Applies the `index`-th action of the open quick fix menu with the keyboard, as users do. */
export async function chooseQuickFix(page: Page, index: number): Promise<void> {
  for (let i = 0; i < index; i++) {
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await page.waitForSelector('.action-widget', { state: 'hidden', timeout: 10_000 });
}

/**
 * Shows the Outline view (Explorer: Focus on Outline View) and returns the aria-labels of its
 * rendered rows: a symbol is "Name (kind)", a provider's group its name. The tree is
 * virtualised: only the rows on screen are there.
 */
export async function showOutline(page: Page, sideBarWidth: number): Promise<string[]> {
  await runCommand(page, 'Explorer: Focus on Outline View');
  const rows = page.locator('.outline-pane .monaco-list-row');
  await rows.first().waitFor({ state: 'visible', timeout: 15_000 });
  // Room for the outline: the folder's section collapsed, the side bar widened by its sash.
  const folders = page.locator('.explorer-viewlet .pane-header[aria-expanded="true"]', {
    hasText: 'Workspace',
  });
  if ((await folders.count()) > 0) {
    await folders.first().click();
  }
  const sideBar = await page.locator('.part.sidebar').boundingBox();
  if (sideBar !== null) {
    const x = sideBar.x + sideBar.width;
    const y = sideBar.y + sideBar.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(sideBarWidth, y, { steps: 5 });
    await page.mouse.up();
  }
  await page.waitForTimeout(1000); // the tree fills in as the providers answer
  return rows.evaluateAll((all) => all.map((row) => row.getAttribute('aria-label') ?? ''));
}

/** Expands the folder's section of the Explorer again (collapsed by showOutline). */
export async function restoreExplorer(page: Page): Promise<void> {
  const folders = page.locator('.explorer-viewlet .pane-header[aria-expanded="false"]', {
    hasText: 'Workspace',
  });
  if ((await folders.count()) > 0) {
    await folders.first().click();
  }
}

/**
 * Opens Go to Symbol in Editor (Ctrl+Shift+O), types `query`, and returns the labels of the
 * symbols listed (group separators left out).
 */
export async function goToSymbol(page: Page, query: string): Promise<string[]> {
  await focusEditor(page);
  await page.keyboard.press('Control+Shift+O');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(query);
  await page.waitForTimeout(1000); // the picker filters as it types
  const labels = await page
    .locator('.quick-input-list .monaco-list-row .label-name')
    .allInnerTexts();
  return labels.map((label) => label.trim());
}

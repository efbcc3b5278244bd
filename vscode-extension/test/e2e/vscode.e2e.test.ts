// End to end: the packaged .vsix installed in a real VS Code (code-server 4.100.3) rendered by
// headless Chromium, on a real list. Asserts what a user sees. Features the server does not
// advertise yet (quick fixes, completion, fix all, server commands) are reported as skipped.
//
// Environment: AWESOME_LS_BINARY (required: the built server, used to probe capabilities and
// expected findings), AWESOME_LS_VSIX (default: awesome-ls-linux-x64-<version>.vsix here, which
// ships that binary), AWESOME_LS_E2E_CACHE (code-server install, see scripts/e2e-setup.sh),
// AWESOME_LS_E2E_ARTIFACTS (screenshots, default test-artifacts/), CHROMIUM (/usr/bin/chromium),
// AWESOME_LS_E2E_KEEP=1 to keep the temp folder, AWESOME_LS_E2E_DOCS_IMAGES (e.g. ../docs/images)
// to write the screenshots of the README there too (outline, quick-fix, language-status).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';

import { chromium, type Browser, type Page } from 'playwright-core';

import {
  installExtension,
  prepareCodeServerDir,
  startCodeServer,
  type CodeServer,
  type SettingsFiles,
} from './codeServer';
import { probeServer, type LspDiagnostic, type ProbeResult } from './lspProbe';
import * as wb from './workbench';

const extensionDir = path.resolve(__dirname, '..', '..', '..');
const LIST = 'trustworthy-2021.md';
const corpusList = path.resolve(extensionDir, '..', 'tests', 'corpus', LIST);
const version = (JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8')) as {
  version: string;
}).version;

const env = {
  binary: process.env.AWESOME_LS_BINARY ?? '',
  vsix: process.env.AWESOME_LS_VSIX ?? path.join(extensionDir, `awesome-ls-linux-x64-${version}.vsix`),
  cache: process.env.AWESOME_LS_E2E_CACHE ?? path.join(extensionDir, '.e2e-cache'),
  artifacts: process.env.AWESOME_LS_E2E_ARTIFACTS ?? path.join(extensionDir, 'test-artifacts'),
  chromium: process.env.CHROMIUM ?? '/usr/bin/chromium',
  keep: process.env.AWESOME_LS_E2E_KEEP === '1',
  docsImages: process.env.AWESOME_LS_E2E_DOCS_IMAGES ?? '',
};

/** Rules whose findings on the 2021 list must show in the Problems panel. */
const RULES_IN_PANEL = ['heading-hierarchy', 'keyword-label'];

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'git.enabled': false,
  'editor.wordBasedSuggestions': 'off',
  'editor.minimap.enabled': false,
};

function severityCounts(diagnostics: LspDiagnostic[]): wb.ProblemCounts {
  const count = (severity: number): number =>
    diagnostics.filter((d) => (d.severity ?? 1) === severity).length;
  return { errors: count(1), warnings: count(2), infos: count(3) };
}

/** "[Ln 489, Col 5]" as the Problems panel shows a diagnostic's start. */
function panelPosition(d: LspDiagnostic): string {
  return `[Ln ${d.range.start.line + 1}, Col ${d.range.start.character + 1}]`;
}

/** The key word phrases the list uses, from its "Key Word: a; b." lines. */
function listKeywords(text: string): Set<string> {
  const phrases = new Set<string>();
  for (const match of text.matchAll(/^\s*- Key Word: (.+)$/gm)) {
    for (const phrase of (match[1] ?? '').replace(/\.\s*$/, '').split(';')) {
      if (phrase.trim() !== '') {
        phrases.add(phrase.trim());
      }
    }
  }
  return phrases;
}

function advertisesCodeActionKind(capabilities: Record<string, unknown>, kind: string): boolean {
  const provider = capabilities.codeActionProvider;
  if (provider === true) {
    return kind === 'quickfix';
  }
  const kinds = (provider as { codeActionKinds?: string[] } | undefined)?.codeActionKinds ?? [];
  return kinds.some((k) => kind === k || kind.startsWith(`${k}.`));
}

function advertisesCommand(capabilities: Record<string, unknown>, command: string): boolean {
  const provider = capabilities.executeCommandProvider as { commands?: string[] } | undefined;
  return provider?.commands?.includes(command) === true;
}

describe('awesome-ls in VS Code (code-server + Chromium)', () => {
  let tmp = '';
  let workspace = '';
  let settingsFiles: SettingsFiles = { user: '', machine: '' };
  let workspaceList = '';
  let probe: ProbeResult;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const started = Date.now();

  const shot = async (name: string): Promise<void> => {
    await page.screenshot({ path: path.join(env.artifacts, `${name}.png`) });
  };
  /** A screenshot the README shows: also written to AWESOME_LS_E2E_DOCS_IMAGES when set. */
  const docShot = async (name: string): Promise<void> => {
    await shot(name);
    if (env.docsImages !== '') {
      fs.mkdirSync(env.docsImages, { recursive: true });
      fs.copyFileSync(path.join(env.artifacts, `${name}.png`), path.join(env.docsImages, `${name}.png`));
    }
  };

  before(async () => {
    assert.ok(env.binary !== '', 'set AWESOME_LS_BINARY to the built awesome-ls executable');
    assert.ok(fs.existsSync(env.binary), `AWESOME_LS_BINARY=${env.binary} does not exist`);
    assert.ok(fs.existsSync(env.vsix), `${env.vsix} does not exist: run npm run package:linux-x64`);
    const codeServer = path.join(env.cache, 'code-server', 'node_modules', '.bin', 'code-server');
    assert.ok(fs.existsSync(codeServer), `${codeServer} missing: run scripts/e2e-setup.sh`);
    fs.mkdirSync(env.artifacts, { recursive: true });

    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'awesome-ls-e2e-'));
    workspace = path.join(tmp, 'workspace');
    fs.mkdirSync(workspace);
    workspaceList = path.join(workspace, LIST);
    fs.copyFileSync(corpusList, workspaceList);

    probe = await probeServer(env.binary, workspaceList);
    const vscodeDir = path.join(tmp, 'code-server');
    settingsFiles = prepareCodeServerDir(vscodeDir, USER_SETTINGS);
    installExtension(codeServer, vscodeDir, env.vsix);
    // PATH without awesome-ls: the binary shipped in the .vsix must be the one that runs.
    server = await startCodeServer(codeServer, vscodeDir, workspace, {
      ...process.env,
      PATH: '/usr/local/bin:/usr/bin:/bin',
    });
    browser = await chromium.launch({
      executablePath: env.chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    await wb.openFileFromExplorer(page, LIST);
  });

  // The screen after each test, passed or failed, for the artifacts.
  afterEach(async (t) => {
    const name = t.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await page.screenshot({ path: path.join(env.artifacts, `after-${name}.png`) }).catch(() => undefined);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (tmp !== '' && !env.keep) {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    process.stdout.write(`# e2e wall time ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  });

  it('shows the server findings in the status bar and the Problems panel, with rule ids', async () => {
    for (const rule of RULES_IN_PANEL) {
      assert.ok(
        probe.diagnostics.some((d) => d.code === rule),
        `awesome-ls serve reports no ${rule} on ${LIST}; the e2e expects it to`,
      );
    }
    const expected = severityCounts(probe.diagnostics);
    await wb.waitForProblems(page, 120_000);
    assert.deepEqual(await wb.waitForCounts(page, expected, 30_000), expected);

    await wb.showProblemsPanel(page);
    for (const rule of RULES_IN_PANEL) {
      const rows = await wb.filterProblems(page, rule);
      await shot(`problems-${rule}`);
      const expectedRows = probe.diagnostics.filter((d) => d.code === rule);
      assert.ok(rows.length > 0, `no Problems row for ${rule}`);
      for (const row of rows) {
        assert.match(row, new RegExp(`awesome-ls ${rule}`), `row without the rule id: ${row}`);
      }
      // Each visible row is at a position the server reported (the list is virtualised).
      const positions = new Set(expectedRows.map(panelPosition));
      for (const row of rows) {
        const position = /\[Ln \d+, Col \d+\]/.exec(row)?.[0] ?? '';
        assert.ok(positions.has(position), `${row} is not where the server reported ${rule}`);
      }
      if (expectedRows.length <= 5) {
        assert.equal(rows.length, expectedRows.length, `all ${rule} findings are listed`);
      }
    }
    // Choosing a finding in the Problems panel selects its range in the editor.
    const target = probe.diagnostics.find((d) => d.code === 'keyword-label');
    assert.ok(target !== undefined);
    await wb.filterProblems(page, 'keyword-label');
    await wb.openProblemRow(page, 'keyword-label');
    await wb.waitForCursor(page, target.range.end.line + 1, target.range.end.character + 1);
    await shot('problems');
  });

  it('shows the server state and the findings of the list as language status', async () => {
    const findings = `${probe.diagnostics.length} findings`;
    const label = await wb.waitForLanguageStatus(page, 'awesome-ls: running', 30_000);
    assert.ok(label.includes(findings), `${label} does not say ${findings}`);
    // The dialect comes from the server (awesome-ls/documentInfo), after the first findings.
    await wb.waitForLanguageStatus(page, '2021 dialect (detected) · 98 papers', 30_000);
    const rows = await wb.showLanguageStatus(page);
    await docShot('language-status');
    const row = (text: string): string => rows.find((r) => r.includes(text)) ?? '';
    assert.match(row('awesome-ls: running'), /Restart/, `no Restart on ${JSON.stringify(rows)}`);
    assert.match(row('awesome-ls: running'), /2021 dialect \(detected\) · 98 papers/);
    const bySeverity = severityCounts(probe.diagnostics);
    assert.match(row(findings), new RegExp(`${bySeverity.infos} information`), row(findings));
    assert.match(row(findings), /Show Output/, `no Show Output on ${JSON.stringify(rows)}`);

    // Restart from the hover: the state leaves running, comes back, with the same findings.
    const labels = await wb.recordLanguageStatus(page);
    await page.locator('.hover-language-status a', { hasText: 'Restart' }).click();
    const deadline = Date.now() + 30_000;
    while (!(await labels()).some((l) => l.includes('awesome-ls: starting')) && Date.now() < deadline) {
      await page.waitForTimeout(100);
    }
    assert.ok((await labels()).some((l) => l.includes('awesome-ls: starting')), 'it restarted');
    await wb.waitForLanguageStatus(page, 'awesome-ls: running', 30_000);
    const expected = severityCounts(probe.diagnostics);
    assert.deepEqual(await wb.waitForCounts(page, expected, 30_000), expected);
    await wb.focusEditor(page); // closes the hover, which would cover the next notifications
  });

  it('shows one outline: the headings once, the papers from the server', async () => {
    await wb.runCommand(page, 'View: Hide Panel');
    await wb.goToLine(page, 117, 1); // "## Evasion Attacks and Defenses"
    const rows = await wb.showOutline(page, 560);
    // Two groups, named after their providers: the Markdown extension's headings ("## Name")
    // and the server's papers (label "awesome-ls papers"); no row twice.
    assert.ok(rows.includes('awesome-ls papers'), JSON.stringify(rows));
    const names = rows.map((label) => label.replace(/^#+ /, '').replace(/ \([a-z ]+\)$/, ''));
    const twice = names.filter((name, i) => name !== '' && names.indexOf(name) !== i);
    assert.deepEqual(twice, [], `rows shown twice in ${JSON.stringify(rows)}`);
    await docShot('outline');
    await wb.restoreExplorer(page);

    // Go to Symbol lists each heading once (the Markdown extension's "## Name"; the server's
    // would be "Name") and the papers once (the server's).
    const headings = await wb.goToSymbol(page, 'Evasion Attacks and Defenses');
    await shot('go-to-symbol');
    await page.keyboard.press('Escape');
    assert.equal(
      headings.filter((label) => label.replace(/^#+ /, '') === 'Evasion Attacks and Defenses').length,
      1,
      JSON.stringify(headings),
    );
    const papers = await wb.goToSymbol(page, 'Do Adversarially Robust ImageNet');
    await page.keyboard.press('Escape');
    assert.ok(
      papers.some((label) => label.startsWith('Do Adversarially Robust ImageNet Models Transfer Better?')),
      JSON.stringify(papers),
    );
  });

  it('applies the settings the server pulls, and shows the server\'s message for a bad one', async () => {
    const all = severityCounts(probe.diagnostics);
    const noLabel = severityCounts(probe.diagnostics.filter((d) => d.code !== 'keyword-label'));
    assert.notDeepEqual(noLabel, all, 'the list has keyword-label findings');
    // The code-server machine's settings: edits of that file reach the window while it runs
    // (in this setup, edits of the user settings file on disk did not).
    const setSettings = (settings: Record<string, unknown>): void => {
      fs.writeFileSync(settingsFiles.machine, JSON.stringify(settings));
    };

    setSettings({ 'awesomeLs.rules': { 'keyword-label': 'off' } });
    assert.deepEqual(await wb.waitForCounts(page, noLabel, 30_000), noLabel);

    // Checked by the server, not the extension: its message, and the previous settings kept.
    setSettings({ 'awesomeLs.rules': { 'keyword-label': 'off', 'entry-order': 'fatal' } });
    const toast = page.locator('.notification-toast', { hasText: 'unknown severity' });
    await toast.waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500); // the toast slides in
    await shot('bad-setting');
    assert.match(
      await toast.innerText(),
      /awesome-ls: invalid configuration in settings: rules\.entry-order: unknown severity "fatal"/,
    );
    assert.deepEqual(await wb.problemCounts(page), noLabel);

    setSettings({});
    assert.deepEqual(await wb.waitForCounts(page, all, 30_000), all);
    await wb.runCommand(page, 'Notifications: Clear All Notifications');
  });

  it('offers key words of the list as completions after "Key Word: "', async (t) => {
    if (probe.capabilities.completionProvider === undefined) {
      t.skip('SKIPPED: awesome-ls serve does not advertise completionProvider yet');
      return;
    }
    const text = fs.readFileSync(workspaceList, 'utf8');
    const keywords = listKeywords(text);
    const lines = text.split('\n');
    const index = lines.findIndex((line) => line.startsWith('  - Key Word: '));
    assert.ok(index >= 0, 'the list has a key word line');
    await wb.goToLine(page, index + 1, '  - Key Word: '.length + 1);
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Control+Space');
    const rows = page.locator('.suggest-widget.visible .monaco-list-row');
    await rows.first().waitFor({ timeout: 15_000 });
    const labels = (await rows.locator('.label-name').allInnerTexts()).map((l) => l.trim());
    await shot('completion');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Z');
    assert.ok(labels.length > 0, 'the suggest widget lists something');
    const known = labels.filter((label) => keywords.has(label));
    assert.ok(known.length > 0, `none of ${JSON.stringify(labels)} is a key word of the list`);
  });

  it('applies a quick fix from the editor and changes the text', async (t) => {
    if (!advertisesCodeActionKind(probe.capabilities, 'quickfix')) {
      t.skip('SKIPPED: awesome-ls serve does not advertise quick fix code actions yet');
      return;
    }
    // The README's shot: a misfiled year section, with its two fixes and the ways out.
    const misfiled = probe.diagnostics.find((d) => d.code === 'heading-hierarchy');
    assert.ok(misfiled !== undefined);
    await wb.goToLine(page, misfiled.range.start.line + 1, misfiled.range.start.character + 1);
    const offered = await wb.openQuickFixes(page);
    await docShot('quick-fix');
    await page.keyboard.press('Escape');
    const expected = [
      'Rename the section to',
      'Move the section under',
      'Disable heading-hierarchy for this line',
    ];
    for (const prefix of expected) {
      assert.ok(
        offered.some((title) => title.startsWith(prefix)),
        `${JSON.stringify(offered)} offers "${prefix}..."`,
      );
    }

    const target = probe.diagnostics.find((d) => d.code === 'keyword-label');
    assert.ok(target !== undefined);
    const line = target.range.start.line;
    const before = fs.readFileSync(workspaceList, 'utf8').split('\n')[line] ?? '';
    await wb.goToLine(page, line + 1, target.range.start.character + 1);
    const titles = await wb.openQuickFixes(page);
    await shot('quick-fix-key-word');
    // The fix that names the right label, else the first (preferred) one.
    const fix = Math.max(0, titles.findIndex((title) => title.includes('Key Word')));
    await wb.chooseQuickFix(page, fix);
    await page.keyboard.press('Control+S');
    const deadline = Date.now() + 10_000;
    let after = before;
    while (after === before && Date.now() < deadline) {
      await page.waitForTimeout(200);
      after = fs.readFileSync(workspaceList, 'utf8').split('\n')[line] ?? '';
    }
    await shot('quick-fix-applied');
    assert.notEqual(after, before, 'the quick fix changed the line');
    assert.match(after, /^\s*- Key Word: /, `${JSON.stringify(titles[fix])} fixed the label: ${after}`);
  });

  it('runs "Fix All" through the server command', async () => {
    assert.ok(advertisesCommand(probe.capabilities, 'awesome-ls.fixAll'));
    const before = fs.readFileSync(workspaceList, 'utf8');
    await wb.runCommand(page, 'awesome-ls: Fix All Auto-Fixable Problems');
    await page.waitForTimeout(1000);
    await page.keyboard.press('Control+S');
    const deadline = Date.now() + 10_000;
    while (fs.readFileSync(workspaceList, 'utf8') === before && Date.now() < deadline) {
      await page.waitForTimeout(200);
    }
    await shot('fix-all');
    assert.notEqual(fs.readFileSync(workspaceList, 'utf8'), before, 'Fix All changed the file');
  });

  it('sends "Update Table of Contents" to the server', async () => {
    assert.ok(advertisesCommand(probe.capabilities, 'awesome-ls.updateToc'));
    await wb.runCommand(page, 'awesome-ls: Update Table of Contents');
    await page.waitForTimeout(2000);
    const toasts = await wb.notifications(page);
    await shot('update-toc');
    // A failed request would show the language client's "Request workspace/executeCommand failed".
    assert.deepEqual(
      toasts.filter((toast) => toast.includes('failed')),
      [],
      'the server ran the command without an error',
    );
  });

  it('reads the server path only from user/remote settings and reports a wrong one once', async () => {
    await page.keyboard.press('Control+S');
    const current = severityCounts((await probeServer(env.binary, workspaceList)).diagnostics);

    // A cloned repository's .vscode/settings.json cannot pick the binary (machine scope).
    fs.mkdirSync(path.join(workspace, '.vscode'));
    fs.writeFileSync(
      path.join(workspace, '.vscode', 'settings.json'),
      JSON.stringify({ 'awesomeLs.server.path': '/nonexistent/from-workspace' }),
    );
    await page.waitForTimeout(1000);
    await wb.runCommand(page, 'awesome-ls: Restart Server');
    assert.deepEqual(await wb.waitForCounts(page, current, 30_000), current);
    assert.deepEqual(
      (await wb.notifications(page)).filter((toast) => toast.includes('from-workspace')),
      [],
      'the workspace value is ignored',
    );

    // A wrong value in the code-server machine's settings: one error, with a button that
    // opens the setting.
    const wrong = '/nonexistent/awesome-ls';
    fs.writeFileSync(settingsFiles.machine, JSON.stringify({ 'awesomeLs.server.path': wrong }));
    const toast = page.locator('.notification-toast', { hasText: wrong });
    await toast.waitFor({ timeout: 30_000 });
    await shot('missing-binary');
    assert.equal(await toast.count(), 1, 'one error message');
    const status = await wb.waitForLanguageStatus(page, 'awesome-ls: stopped', 10_000);
    assert.ok(status.includes(wrong), `the language status says why: ${status}`);
    await toast.locator('.monaco-button', { hasText: 'Open Settings' }).click();
    const setting = page.locator('.settings-editor .setting-item', { hasText: 'Server: Path' });
    await setting.first().waitFor({ timeout: 15_000 });
    await shot('missing-binary-settings');

    // A valid value: the configured binary is started.
    fs.writeFileSync(
      settingsFiles.machine,
      JSON.stringify({ 'awesomeLs.server.path': env.binary }),
    );
    assert.deepEqual(await wb.waitForCounts(page, current, 30_000), current);
  });

  it('validates .awesome-ls.json with the schema from docs/', async () => {
    // In a subfolder, so the server (which reads the workspace root's file) is not affected.
    const folder = path.join(workspace, 'config-check');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, '.awesome-ls.json'), '{\n  "dialect": "1999"\n}\n');
    await wb.quickOpen(page, 'config-check/.awesome-ls.json');
    await wb.showProblemsPanel(page);
    // VS Code's JSON language service: 'Value is not accepted. Valid values: "2021", ...'.
    const rows = await wb.filterProblems(page, 'Valid values');
    await shot('config-schema');
    assert.ok(
      rows.some((row) => row.includes('"2021"') && row.includes('"2026"') && row.includes('[Ln 2,')),
      `no schema error on the dialect line: ${JSON.stringify(rows)}`,
    );
  });
});

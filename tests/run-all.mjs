#!/usr/bin/env node
// Runs every suite the project has and ends with one line that sums them:
// `N passed, N failed, N skipped`. Each check (type-check, lint, build) counts as one test;
// vitest and Playwright report their own counts through their JSON reporters.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const reports = join(process.cwd(), 'tests', 'artifacts', 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(label, command, args, env = {}) {
  console.log(`\n── ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function check(label, command, args) {
  const ok = run(label, command, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  lines.push(`${label}: ${ok ? 'passed' : 'FAILED'}`);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

check('type-check', 'npm', ['run', '--silent', 'typecheck']);
check('lint', 'npm', ['run', '--silent', 'lint']);
check('format', 'npm', ['run', '--silent', 'format:check']);
const built = check('build', 'npx', ['electron-vite', 'build']);

// vitest
const vitestFile = join(reports, 'vitest.json');
const vitestOk = run('unit tests (vitest)', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestFile}`,
]);
const vitest = readJson(vitestFile);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
  lines.push(
    `vitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed, ${vitest.numPendingTests} skipped`,
  );
  if (!vitestOk && vitest.numFailedTests === 0) {
    totals.failed += 1;
    lines.push('vitest: the run itself failed (see above)');
  }
} else {
  totals.failed += 1;
  lines.push('vitest: no report (the run crashed)');
}

// Playwright, in Chromium through the browser bridge
if (built) {
  const playwrightFile = join(reports, 'playwright.json');
  const playwrightOk = run(
    'browser tests (playwright)',
    'npx',
    ['playwright', 'test', '--reporter=list,json'],
    {
      PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightFile,
    },
  );
  const playwright = existsSync(playwrightFile) ? readJson(playwrightFile) : undefined;
  if (playwright?.stats) {
    const { expected = 0, unexpected = 0, skipped = 0, flaky = 0 } = playwright.stats;
    totals.passed += expected + flaky;
    totals.failed += unexpected;
    totals.skipped += skipped;
    lines.push(
      `playwright: ${expected + flaky} passed (${flaky} only on retry), ${unexpected} failed, ${skipped} skipped`,
    );
    if (!playwrightOk && unexpected === 0) {
      totals.failed += 1;
      lines.push('playwright: the run itself failed (see above)');
    }
  } else {
    totals.failed += 1;
    lines.push('playwright: no report (the run crashed)');
  }
} else {
  lines.push('playwright: not run, the build failed');
}

// The real-Electron suite (tests/electron): runs where the Electron binary exists and reports its
// tests skipped, with the reason, where it does not.
if (built) {
  const electronFile = join(reports, 'electron.json');
  const electronOk = run(
    'real-Electron tests (playwright _electron)',
    'npx',
    ['playwright', 'test', '-c', 'tests/electron/playwright.config.ts', '--reporter=list,json'],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: electronFile },
  );
  const electron = existsSync(electronFile) ? readJson(electronFile) : undefined;
  if (electron?.stats) {
    const { expected = 0, unexpected = 0, skipped = 0, flaky = 0 } = electron.stats;
    totals.passed += expected + flaky;
    totals.failed += unexpected;
    totals.skipped += skipped;
    lines.push(`electron: ${expected + flaky} passed, ${unexpected} failed, ${skipped} skipped`);
    if (!electronOk && unexpected === 0) {
      totals.failed += 1;
      lines.push('electron: the run itself failed (see above)');
    }
  } else {
    totals.failed += 1;
    lines.push('electron: no report (the run crashed)');
  }
}

console.log('\n── summary');
for (const line of lines) console.log(`  ${line}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);

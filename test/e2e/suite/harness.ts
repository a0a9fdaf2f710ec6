// A tiny sequential test runner for the end-to-end suite (mocha is not a dependency of this project).
// `suite()`/`test()` register; `runAll()` runs the tests in order, one at a time, each with a timeout,
// prints a pass/fail line per test and a summary, and reports the failures. It runs inside the VS Code
// extension host, so the output goes to the extension host's console (and, when the environment
// variable CLOUD_CONFIG_E2E_REPORT names a file, to that file too: the code-server runner prints it).
import * as fs from 'fs';
import * as vscode from 'vscode';

export type TestFn = () => Promise<void> | void;

interface TestCase {
  readonly name: string;
  readonly fn: TestFn;
  readonly timeoutMs: number;
  /** Why the test does not run, when it is skipped. */
  readonly skip?: string;
}

const registered: TestCase[] = [];
const prefix: string[] = [];
let fileSkipReason: string | undefined;

/**
 * Skip every test the current test file registers after this call; the reason is printed for each.
 * The suite's entry point resets it after loading each file.
 */
export function skipThisFile(reason: string): void {
  fileSkipReason = reason;
}

/** Called by the entry point after each test file has been loaded. */
export function endOfFile(): void {
  fileSkipReason = undefined;
}

/** Group tests under a name (names are joined with ` › `). */
export function suite(name: string, body: () => void): void {
  prefix.push(name);
  try {
    body();
  } finally {
    prefix.pop();
  }
}

/** Register a test. Tests run in registration order; a later test may rely on an earlier one's edits. */
export function test(name: string, fn: TestFn, timeoutMs = 30_000): void {
  const fullName = [...prefix, name].join(' › ');
  registered.push(
    fileSkipReason === undefined
      ? { name: fullName, fn, timeoutMs }
      : { name: fullName, fn, timeoutMs, skip: fileSkipReason },
  );
}

const reportFile = process.env.CLOUD_CONFIG_E2E_REPORT;

/** One line to the console and, when set, the report file. */
export function report(line: string): void {
  console.log(line);
  if (reportFile) {
    try {
      fs.appendFileSync(reportFile, line + '\n');
    } catch {
      /* the report file is a convenience only */
    }
  }
}

function withTimeout(p: Promise<void>, ms: number, name: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${name}`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export interface RunResult {
  readonly passed: number;
  readonly skipped: number;
  readonly failed: readonly { name: string; error: unknown }[];
}

export async function runAll(): Promise<RunResult> {
  const failed: { name: string; error: unknown }[] = [];
  let passed = 0;
  let skipped = 0;
  const started = Date.now();
  report(`cloud-config e2e: ${registered.length} tests, VS Code ${vscode.version}, ${vscode.env.appName}`);
  for (const t of registered) {
    if (t.skip !== undefined) {
      skipped++;
      report(`  - ${t.name} (skipped: ${t.skip})`);
      continue;
    }
    const t0 = Date.now();
    try {
      await withTimeout(Promise.resolve().then(t.fn), t.timeoutMs, t.name);
      passed++;
      report(`  ✓ ${t.name} (${Date.now() - t0} ms)`);
    } catch (error) {
      failed.push({ name: t.name, error });
      report(`  ✗ ${t.name} (${Date.now() - t0} ms)`);
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      report(text.replace(/^/gm, '      '));
    }
  }
  report(`${passed} passing, ${failed.length} failing, ${skipped} skipped (${Date.now() - started} ms)`);
  return { passed, skipped, failed };
}

// Entry point of the end-to-end suite: the `run()` contract of @vscode/test-electron
// (`extensionTestsPath` points at this file's compiled form, out/test/e2e/suite/index.js). VS Code calls
// `run()` inside the extension host; a rejected promise means failure (exit code 1).
//
// mocha is not resolvable from this project's node_modules, so the tests register with the small
// sequential runner in ./harness (suite/test, pass/fail lines, summary) instead.
import * as fs from 'fs';
import * as path from 'path';
import { endOfFile, runAll } from './harness';

export async function run(): Promise<void> {
  // Load every compiled *.test.js next to this file (in name order): loading registers the tests.
  // CLOUD_CONFIG_E2E_FILES=hostsExample,completion runs only the files whose names contain one of the words.
  const only = (process.env.CLOUD_CONFIG_E2E_FILES ?? '').split(',').filter(Boolean);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js') && (!only.length || only.some((o) => f.includes(o))))
    .sort();
  if (files.length === 0) throw new Error(`no *.test.js files in ${__dirname}`);
  for (const f of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the test files are found at run time
    require(path.join(__dirname, f));
    endOfFile();
  }

  const { failed } = await runAll();
  if (failed.length) {
    throw new Error(`${failed.length} end-to-end test(s) failed: ${failed.map((f) => f.name).join('; ')}`);
  }
}

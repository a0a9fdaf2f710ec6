// The real workbench UI in Chromium: open user-data from the Explorer, read the Problems panel,
// hover an embedded iptables option, complete inside an embedded unit, the exposure code lens and the
// map it opens; a screenshot of each into test-results/. Runs against whatever
// extension the window loads (the e2e runner uses the VSIX installed into the host).
import * as fs from 'node:fs';
import * as path from 'node:path';

// Unquoted permissions are a hint in the CoreOS dialect (coreos-cloudinit keeps the raw text), and the
// Problems panel does not list hints.
const CLASSIC = [
  'cloud-config/header',
  'cloud-config/unknown-key',
  'docker/port-exposure',
  'cloud-config/firewall-not-loaded',
];

async function poll(page, fn, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await fn().catch(() => undefined);
    if (last?.ok) return last.value;
    await page.waitForTimeout(250);
  }
  throw new Error(
    `${what} (after ${timeoutMs / 1000} s)${last?.value !== undefined ? `; last seen:\n${last.value}` : ''}`,
  );
}

/**
 * Open a file by Quick Open (Ctrl+P), which works whether or not the Explorer is shown. The first
 * search of a fresh window is slow and a loaded machine redraws the list late: the listed file is
 * clicked, and the whole thing is tried again until its tab shows.
 */
export async function quickOpen(page, relative) {
  const tab = page.locator(`.tab[aria-label*="${path.basename(relative)}"]`).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 15_000 });
    await input.fill(relative);
    const row = page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ hasText: path.basename(relative) })
      .first();
    await row.waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await row.click().catch(() => page.keyboard.press('Enter'));
    try {
      await tab.waitFor({ timeout: 10_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw new Error(`Quick Open did not open ${relative}: ${err.message}`, { cause: err });
      await page.keyboard.press('Escape');
    }
  }
}

/** Move the cursor to line:column (1-based): Quick Open with `:line:column` (Go to Line). */
async function goTo(page, line, column) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 });
  await input.fill(`:${line}:${column}`);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
}

/** Run a command from the palette (F1) by its title. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 });
  await input.fill(`>${title}`);
  await page.waitForTimeout(600);
  await page.keyboard.press('Enter');
}

/** The spans the editor draws for the first line showing `text` (one span: one token colour). */
async function spansOfLine(page, text) {
  const line = page.locator('.monaco-editor .view-line').filter({ hasText: text }).first();
  await line.waitFor({ timeout: 15_000 });
  return line.locator('span > span').count();
}

/**
 * The notification whose message matches `text`, as a toast or, once its toast has gone (toasts hide
 * after a while), in the notification center; null when there is none within `ms`.
 */
async function notification(page, text, ms) {
  const item = page.locator('.notification-list-item:visible').filter({ hasText: text }).first();
  const deadline = Date.now() + ms;
  let centerShown = false;
  while (Date.now() < deadline) {
    if (await item.count()) return item;
    if (!centerShown && Date.now() > deadline - ms / 2) {
      await runCommand(page, 'Notifications: Show Notifications');
      centerShown = true;
    }
    await page.waitForTimeout(250);
  }
  if (!centerShown) await runCommand(page, 'Notifications: Show Notifications');
  await page.waitForTimeout(500);
  return (await item.count()) ? item : null;
}

async function hideNotifications(page) {
  await runCommand(page, 'Notifications: Hide Notifications');
}

/**
 * The body text of the first frame whose text matches (contains `marker`, or passes it when a function),
 * with its tables' rows, cells and links and its list items.
 */
async function frameWith(page, marker) {
  const matches = typeof marker === 'function' ? marker : (text) => text.includes(marker);
  const texts = (frame, selector) =>
    frame
      .locator(selector)
      .allInnerTexts()
      .catch(() => []);
  for (const frame of page.frames()) {
    const text = await frame
      .locator('body')
      .innerText({ timeout: 500 })
      .catch(() => '');
    if (!matches(text)) continue;
    const tables = await frame
      .locator('table')
      .count()
      .catch(() => 0);
    const rows = await texts(frame, 'tr');
    return {
      text,
      tables,
      rows: rows.map((r) => r.replace(/\s+/g, ' ').trim()),
      cells: await texts(frame, 'td'),
      links: await texts(frame, 'td a'),
      items: await texts(frame, 'li'),
    };
  }
  return undefined;
}

const exampleFile = 'examples/ubuntu-docker-ufw/user-data';

/** Step 5: the exposure code lens and map of examples/ubuntu-docker-ufw/user-data. */
async function exampleExposure(page, shot, log) {
  await runCommand(page, 'View: Close All Editors');
  await page.waitForTimeout(500);
  await quickOpen(page, exampleFile);
  // The whole lens in view: no side bar beside the editor.
  await runCommand(page, 'View: Close Primary Side Bar');
  // Monaco draws spaces as no-break spaces: \s matches both.
  await page
    .locator('.monaco-editor .view-lines')
    .filter({ hasText: /ufw\sdefault\sdeny\sincoming/ })
    .first()
    .waitFor({ timeout: 30_000 });
  await goTo(page, 1, 1);
  const expected =
    'Reachable from the internet: 443/tcp, icmp echo-request (IPv4 only), icmpv6 echo-request (IPv6 only) · via Docker: 5432/tcp, 8080/tcp';
  const lens = page
    .locator('.monaco-editor .codelens-decoration')
    .filter({ hasText: /^\s*Reachable\sfrom\sthe\sinternet/ })
    .first();
  const lensText = await poll(
    page,
    async () => {
      const text = (await lens.innerText({ timeout: 1000 })).replace(/\s+/g, ' ').trim();
      return { ok: text === expected, value: text };
    },
    60_000,
    `the first line of ${exampleFile} has no code lens "${expected}"`,
  );
  // The lenses on the `ufw default deny incoming` line, one per family.
  const ufwLenses = await poll(
    page,
    async () => {
      const texts = (
        await page
          .locator('.monaco-editor .codelens-decoration')
          .filter({ hasText: /IPv[46]\sreachable/ })
          .allInnerTexts()
      ).map((t) => t.replace(/\s+/g, ' ').trim());
      return {
        ok: texts.some((t) =>
          t.includes('IPv4 reachable from the internet: 443/tcp, icmp echo-request · via Docker: 5432/tcp, 8080/tcp'),
        ),
        value: texts.join('\n'),
      };
    },
    30_000,
    'no IPv4 code lens on the `ufw default deny incoming` line',
  );
  await shot(page, 'e2e-exposure-lens.png');
  log(`✓ UI: ${exampleFile}: code lens "${lensText}"; on the ufw line: ${ufwLenses.split('\n').join(' | ')}`);
  await lens.locator('a').first().click();
  await page
    .locator('.tab')
    .filter({ hasText: /Preview Exposure of user-data/ })
    .first()
    .waitFor({ timeout: 30_000 });
  // The rendered map: 443/tcp open by `ufw allow 443/tcp` (line 19), 22 closed by `ufw default deny
  // incoming` (line 18), 5432 and 8080 open through Docker's FORWARD path on IPv4, each with its link.
  const wanted = [
    /^1-442\/tcp closed INPUT line 18 ufw default deny incoming sshd/,
    /^443\/tcp open INPUT line 19 ufw allow 443\/tcp/,
    /^5432\/tcp open Docker \(FORWARD\) Docker's rule .*--dport 5432 -j ACCEPT/,
    /^8080\/tcp open Docker \(FORWARD\) Docker's rule .*--dport 80 -j ACCEPT/,
  ];
  const map = await poll(
    page,
    async () => {
      const f = await frameWith(page, 'ufw — IPv4');
      if (!f) return { ok: false, value: undefined };
      const v4 = f.text.indexOf('ufw (IPv6)');
      const rows = f.rows;
      const ok =
        f.text.includes('ufw — IPv4') &&
        v4 > 0 &&
        wanted.every((w) => rows.some((r) => w.test(r))) &&
        f.links.includes('line 18') &&
        f.links.includes('line 19') &&
        f.items.some((i) =>
          /sshd \(default port\) listens on 22\/tcp but it is closed: line 18 ufw default deny incoming/.test(
            i.replace(/\s+/g, ' '),
          ),
        ) &&
        !f.text.includes('|---|');
      return { ok, value: `${rows.join('\n')}\n${f.items.join('\n')}` };
    },
    30_000,
    `the Markdown preview of ${exampleFile}'s exposure map does not show 443 open by line 19, 22 closed by line 18, 5432 and 8080 via Docker`,
  );
  await page.waitForTimeout(800);
  await shot(page, 'e2e-exposure-map.png');
  log(
    `✓ UI: ${exampleFile}: the map shows ${map
      .split('\n')
      .filter((r) => /open|1-442/.test(r))
      .slice(0, 5)
      .join(' · ')}`,
  );
}

/**
 * Run the UI checks in a new page of `context` on `url` (a workbench URL with the folder open).
 * Returns the screenshot files written into `resultsDir`.
 */
export async function uiSmoke(context, url, resultsDir, log, { serverProcesses } = {}) {
  fs.mkdirSync(resultsDir, { recursive: true });
  const shots = [];
  const shot = async (page, name) => {
    const file = path.join(resultsDir, name);
    await page.screenshot({ path: file });
    shots.push(file);
  };
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });

    // 0. A plain YAML file (no #cloud-config) first: the extension activates (onLanguage:yaml) and
    // VS Code's Running Extensions view gives its activation time; no language server is started.
    await quickOpen(page, 'other.yaml');
    await page
      .locator('.monaco-editor .view-lines')
      .filter({ hasText: /ordinary\sYAML\sfile/ })
      .first()
      .waitFor({ timeout: 30_000 });
    await runCommand(page, 'Developer: Show Running Extensions');
    const row = page
      .locator('.runtime-extensions-editor .monaco-list-row')
      .filter({ hasText: /Cloud-Config, systemd/ })
      .first();
    const rowText = await poll(
      page,
      async () => {
        const text = await row.innerText({ timeout: 1000 });
        return { ok: /\d+\s*ms/.test(text), value: text };
      },
      30_000,
      'the Running Extensions view lists no activation time for the extension',
    );
    await page.screenshot({ path: path.join(resultsDir, 'e2e-running-extensions.png') });
    const activationMs = Number(/(\d+)\s*ms/.exec(rowText)[1]);
    log(
      `✓ UI: plain YAML activates the extension in ${activationMs} ms (Running Extensions: ${rowText.replace(/\s+/g, ' ').trim()})`,
    );
    if (serverProcesses) {
      await page.waitForTimeout(2000);
      const running = serverProcesses();
      if (running.length) throw new Error(`a language server runs for a plain YAML file:\n${running.join('\n')}`);
      log('✓ UI: no language server process for the plain YAML file');
    }
    await page.keyboard.press('Control+W');
    await page.keyboard.press('Control+W');

    // 0b. The one-time offer for a *.yaml that starts with #cloud-config: it opens as YAML (the file
    // extension decides before the first line); the offer switches it to Cloud-Config, the embedded
    // unit gets its own tokens, and reopening the file brings no second offer (the answer is kept
    // per file in the workspace state) but the language chosen. Declined first: the file stays YAML,
    // and is not asked about again; accepted, then a third file: it is asked about too.
    const mode = page.locator('#status\\.editor\\.mode, .statusbar-item[id="status.editor.mode"]').first();
    await quickOpen(page, 'offer/keep.yaml');
    const keep = await notification(page, /keep\.yaml\sis\s#cloud-config\suser-data/, 30_000);
    if (!keep) throw new Error('no offer to open keep.yaml as Cloud-Config');
    await keep.locator('a.monaco-button, .monaco-button').filter({ hasText: 'Keep as YAML' }).first().click();
    await page.keyboard.press('Control+W');
    await quickOpen(page, 'offer/keep.yaml');
    if (await notification(page, /keep\.yaml\sis\s#cloud-config\suser-data/, 4000))
      throw new Error('the offer for keep.yaml was made again after "Keep as YAML"');
    const keptMode = await mode.innerText({ timeout: 5000 });
    if (!/YAML/.test(keptMode)) throw new Error(`keep.yaml is ${keptMode} after "Keep as YAML"`);
    log('✓ UI: declined, keep.yaml stays YAML and is not asked about again');
    await hideNotifications(page);
    await quickOpen(page, 'offer/web.yaml');
    const execLine = 'ExecStart=/usr/bin/docker';
    const asYaml = await spansOfLine(page, execLine);
    const offer = await notification(page, /web\.yaml\sis\s#cloud-config\suser-data/, 30_000);
    if (!offer) throw new Error('no offer to open web.yaml as Cloud-Config');
    await shot(page, 'e2e-yaml-offer.png');
    await offer.locator('a.monaco-button, .monaco-button').filter({ hasText: 'Open as Cloud-Config' }).first().click();
    await poll(
      page,
      async () => {
        const text = await mode.innerText({ timeout: 1000 });
        return { ok: /Cloud-Config/.test(text), value: text };
      },
      15_000,
      'the language indicator does not show Cloud-Config after accepting the offer',
    );
    const asCloudConfig = await poll(
      page,
      async () => {
        const n = await spansOfLine(page, execLine);
        return { ok: n > asYaml, value: n };
      },
      15_000,
      `the embedded unit line keeps the YAML colouring (${asYaml} span)`,
    );
    log(
      `✓ UI: the offer switches web.yaml to Cloud-Config (the ExecStart= line: ${asYaml} token span as YAML, ${asCloudConfig} as Cloud-Config)`,
    );
    await page.keyboard.press('Control+W');
    await quickOpen(page, 'offer/web.yaml');
    if (await notification(page, /web\.yaml\sis\s#cloud-config\suser-data/, 4000))
      throw new Error('the offer for web.yaml was made a second time');
    await poll(
      page,
      async () => {
        const text = await mode.innerText({ timeout: 1000 });
        return { ok: /Cloud-Config/.test(text), value: text };
      },
      15_000,
      'reopened, web.yaml is not Cloud-Config although the offer was accepted',
    );
    log('✓ UI: reopened, web.yaml opens as Cloud-Config with no second offer');
    await hideNotifications(page);
    // Accepted first, then another file: it gets its own offer (an accepted answer for one file
    // must not silence the offer for the next).
    await page.keyboard.press('Control+W');
    await quickOpen(page, 'offer/late.yaml');
    const late = await notification(page, /late\.yaml\sis\s#cloud-config\suser-data/, 30_000);
    if (!late) {
      await shot(page, 'e2e-yaml-offer-missing.png');
      throw new Error(`no offer for late.yaml after web.yaml's was accepted (late.yaml is ${await mode.innerText()})`);
    }
    await late.locator('a.monaco-button, .monaco-button').filter({ hasText: 'Keep as YAML' }).first().click();
    const lateMode = await mode.innerText({ timeout: 5000 });
    if (!/YAML/.test(lateMode)) throw new Error(`late.yaml is ${lateMode} after "Keep as YAML"`);
    log('✓ UI: after an accepted offer, the next *.yaml user-data gets its own offer');
    await hideNotifications(page);
    await page.keyboard.press('Control+W');
    await page.keyboard.press('Control+W');

    // 1. user-data from the Explorer, then the Problems panel.
    const explorerItem = page
      .locator('.explorer-folders-view .monaco-list-row[aria-level="1"]')
      .filter({ hasText: /^\s*user-data\s*$/ })
      .first();
    try {
      await explorerItem.waitFor({ timeout: 30_000 });
      await explorerItem.click();
    } catch {
      await quickOpen(page, 'user-data');
    }
    const editor = page.locator('.monaco-editor .view-lines').first();
    await editor.waitFor({ timeout: 30_000 });
    await editor.click();
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ timeout: 30_000 });
    await poll(
      page,
      async () => {
        const text = await panel.innerText();
        return { ok: CLASSIC.every((c) => text.includes(c)), value: text };
      },
      60_000,
      `the Problems panel does not list ${CLASSIC.join(', ')}`,
    );
    await shot(page, 'e2e-problems.png');
    log('✓ UI: the Problems panel lists header, unknown-key, port-exposure, firewall-not-loaded');

    // The status bar item of the active user-data: language, dialect, findings.
    const status = page
      .locator('.statusbar-item')
      .filter({ hasText: /Cloud-Config \(CoreOS\)/ })
      .first();
    const statusText = await poll(
      page,
      async () => {
        const text = await status.innerText({ timeout: 1000 });
        return { ok: /error/.test(text), value: text };
      },
      30_000,
      'the status bar shows no Cloud-Config (CoreOS) item with its findings',
    );
    await shot(page, 'e2e-status.png');
    log(`✓ UI: status bar "${statusText.trim()}"`);
    // 1b. A click on a code in the Problems panel opens its page, packaged with the extension, in the
    // Markdown preview.
    const codeLink = panel.locator('a.monaco-link').filter({ hasText: 'cloud-config/unknown-key' }).first();
    await codeLink.waitFor({ timeout: 15_000 });
    await codeLink.click();
    await page.locator('.tab[aria-label*="unknown-key.md"]').first().waitFor({ timeout: 30_000 });
    const pageText = await poll(
      page,
      async () => {
        const f = await frameWith(
          page,
          (text) =>
            text.includes('# cloud-config/unknown-key') ||
            (/Why it matters/.test(text) && text.includes('cloud-config/unknown-key')),
        );
        return { ok: f !== undefined, value: f?.text };
      },
      30_000,
      'the preview of the unknown-key page shows no page text',
    );
    await shot(page, 'e2e-rule-page.png');
    log(
      `✓ UI: a click on cloud-config/unknown-key in the Problems panel opens its packaged page (${pageText.split('\n').filter(Boolean).length} lines)`,
    );
    await page.keyboard.press('Control+W');
    await editor.click().catch(() => {});

    // 2. Hover `--dport` in the embedded iptables rules (line 36: "-A INPUT -p tcp --dport 22 -j ACCEPT").
    await page.keyboard.press('Escape');
    await goTo(page, 36, 22);
    const option = page
      .locator('.monaco-editor .view-line span')
      .filter({ hasText: /^--dport$/ })
      .first();
    await option.waitFor({ timeout: 15_000 });
    const box = await option.boundingBox();
    if (!box) throw new Error('the `--dport` option is not visible in the editor');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover:visible, .workbench-hover:visible').first();
    const hoverText = await poll(
      page,
      async () => {
        await page.mouse.move(box.x + box.width / 2 + 1, box.y + box.height / 2);
        const text = await hover.innerText({ timeout: 1000 });
        return { ok: /destination port/i.test(text), value: text };
      },
      20_000,
      'no hover explaining `--dport` in the embedded rules',
    );
    await shot(page, 'e2e-hover.png');
    log(`✓ UI: hover over an embedded iptables option (${hoverText.split('\n')[0]})`);

    // 3. Completion inside the embedded unit: a new line after ExecStop= (line 20), typing `Restart`.
    await page.mouse.move(5, 5);
    await goTo(page, 20, 1);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('RestartS');
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.editor-widget.suggest-widget');
    const labels = await poll(
      page,
      async () => {
        const text = await suggest.innerText({ timeout: 1000 });
        return { ok: /RestartSec/.test(text), value: text };
      },
      20_000,
      'the suggestion list inside the unit does not offer RestartSec',
    );
    await shot(page, 'e2e-completion.png');
    log(
      `✓ UI: completion inside the embedded unit offers ${labels.split('\n').filter(Boolean).slice(0, 4).join(', ')}`,
    );
    await page.keyboard.press('Escape');

    // 4. The exposure code lens on line 1, then the map it opens (a markdown page beside the user-data).
    await page.keyboard.press('Control+Z');
    await goTo(page, 1, 1);
    const lens = page
      .locator('.monaco-editor .codelens-decoration')
      .filter({ hasText: /Reachable from the internet/ })
      .first();
    const lensText = await poll(
      page,
      async () => {
        const text = await lens.innerText({ timeout: 1000 });
        return { ok: /via Docker: 80\/tcp/.test(text), value: text };
      },
      30_000,
      'no exposure code lens on the first line',
    );
    await page.screenshot({ path: path.join(resultsDir, 'e2e-workspace-exposure-lens.png') });
    log(`✓ UI: code lens "${lensText.trim()}"`);
    await lens.locator('a').first().click();
    const previewTab = page
      .locator('.tab')
      .filter({ hasText: /Preview Exposure of user-data/ })
      .first();
    await previewTab.waitFor({ timeout: 30_000 });
    // The map rendered in the Markdown preview's webview: its heading as text and its table as a
    // table, not the markdown source (no `|---|` rows, no `#` before the heading).
    const rendered = await poll(
      page,
      async () => {
        const f = await frameWith(page, 'What can reach user-data');
        if (!f) return { ok: false, value: undefined };
        const { text, tables, cells, links } = f;
        const source = text.includes('|---|') || /^#\s*What can reach/m.test(text) || /\]\(/.test(text);
        return {
          ok: tables > 0 && cells.includes('22/tcp') && links.some((l) => /^line \d+$/.test(l)) && !source,
          value: `${tables} table(s), ${links.length} line links, cells ${cells.slice(0, 8).join(' · ')}\n${text}`,
        };
      },
      30_000,
      'the Markdown preview of the exposure map shows no rendered map',
    );
    // Hide the Problems panel so the map has the height of the window.
    await page.keyboard.press('Control+J');
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(resultsDir, 'e2e-workspace-exposure-map.png') });
    log(`✓ UI: the exposure map is rendered beside the user-data (${rendered.split('\n')[0]})`);

    // 5. The example examples/ubuntu-docker-ufw/user-data (copied into the workspace): its code lens and
    // its map, the README's screenshots. ufw's `default deny incoming` closes 22, its `allow 443/tcp`
    // opens 443, and Docker's publications get 5432 and 8080 past ufw on IPv4.
    await exampleExposure(page, shot, log);
    if (serverProcesses) {
      const running = serverProcesses();
      if (running.length !== 1)
        throw new Error(
          `expected one language server process once user-data is open, found ${running.length}:\n${running.join('\n')}`,
        );
      log('✓ UI: one language server process once a cloud-config document is open');
    }
  } catch (err) {
    await shot(page, 'e2e-failure.png').catch(() => {});
    throw err;
  } finally {
    await page.close().catch(() => {});
  }
  return shots;
}

// A minimal LSP client over stdio for measuring a language server as an editor drives it.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const now = () => Number(process.hrtime.bigint()) / 1e6;
/** Clock ticks per second of /proc/PID/stat (USER_HZ, 100 on Linux). */
const ticksPerSecond = 100;

export class LspSession {
  /** `settings` answers workspace/configuration by section path and is pushed with didChangeConfiguration. */
  constructor(command, args, { settings = {}, timeoutMs = 120_000, exitMs = 3_000 } = {}) {
    this.settings = settings;
    // How long the server may take to exit (a server writing a CPU profile on exit needs longer).
    this.exitMs = exitMs;
    this.timeoutMs = timeoutMs;
    this.spawnedAt = now();
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.buf = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    /** The last diagnostics published per URI. */
    this.published = new Map();
    this.child.stderr.on('data', (d) => {
      this.stderr = (this.stderr + d).slice(-20_000);
    });
    this.child.stdout.on('data', (d) => this.onData(d));
    this.child.stdin.on('error', () => {});
    this.exited = new Promise((res) =>
      this.child.on('exit', (code) => {
        for (const p of this.pending.values()) p.rej(new Error(`server exited (${code}): ${this.stderr.slice(-1500)}`));
        this.pending.clear();
        res(code);
      }),
    );
  }

  onData(d) {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const sep = this.buf.indexOf('\r\n\r\n');
      if (sep < 0) return;
      const len = Number(/Content-Length: *(\d+)/i.exec(this.buf.subarray(0, sep).toString())[1]);
      if (this.buf.length < sep + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(sep + 4, sep + 4 + len).toString('utf8'));
      this.buf = this.buf.subarray(sep + 4 + len);
      this.onMessage(msg);
    }
  }

  onMessage(msg) {
    if (msg.id !== undefined && msg.method) {
      const result =
        msg.method === 'workspace/configuration' ? msg.params.items.map((it) => this.section(it.section)) : null;
      this.send({ id: msg.id, result });
      return;
    }
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (p && msg.error) p.rej(new Error(msg.error.message));
      else if (p) p.res(msg.result);
      return;
    }
    if (msg.method === 'textDocument/publishDiagnostics') this.published.set(msg.params.uri, msg.params.diagnostics);
    for (const l of [...this.listeners]) l(msg);
  }

  section(key) {
    return key
      ? (key.split('.').reduce((o, k) => (o == null ? undefined : o[k]), this.settings) ?? null)
      : this.settings;
  }

  send(msg) {
    const s = JSON.stringify({ jsonrpc: '2.0', ...msg });
    this.child.stdin.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((res, rej) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        rej(new Error(`${method} timed out`));
      }, this.timeoutMs);
      this.pending.set(id, {
        res: (v) => {
          clearTimeout(timer);
          res(v);
        },
        rej: (e) => {
          clearTimeout(timer);
          rej(e);
        },
      });
      this.send({ id, method, params });
    });
  }

  notify(method, params) {
    this.send({ method, params });
  }

  /** The next notification `method` whose params satisfy `test`. */
  nextNotification(method, test) {
    return new Promise((res, rej) => {
      const timer = setTimeout(() => {
        this.listeners.splice(this.listeners.indexOf(l), 1);
        rej(new Error(`no ${method} in time`));
      }, this.timeoutMs);
      const l = (m) => {
        if (m.method !== method || !test(m.params)) return;
        this.listeners.splice(this.listeners.indexOf(l), 1);
        clearTimeout(timer);
        res(m.params);
      };
      this.listeners.push(l);
    });
  }

  /** The next publishDiagnostics for `uri` (optionally: only one whose version is at least `version`). */
  nextDiagnostics(uri, version) {
    return new Promise((res, rej) => {
      const timer = setTimeout(() => {
        this.listeners.splice(this.listeners.indexOf(l), 1);
        rej(new Error('no diagnostics in time'));
      }, this.timeoutMs);
      const l = (m) => {
        if (m.method !== 'textDocument/publishDiagnostics' || m.params.uri !== uri) return;
        if (version !== undefined && m.params.version !== undefined && m.params.version < version) return;
        this.listeners.splice(this.listeners.indexOf(l), 1);
        clearTimeout(timer);
        res(m.params.diagnostics);
      };
      this.listeners.push(l);
    });
  }

  async initialize(rootUri) {
    await this.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          synchronization: { didSave: true },
          // As VS Code declares it: completion documentation may come through completionItem/resolve.
          completion: {
            completionItem: {
              snippetSupport: true,
              documentationFormat: ['markdown', 'plaintext'],
              resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] },
            },
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
      initializationOptions: {},
    });
    this.notify('initialized', {});
    if (Object.keys(this.settings).length) this.notify('workspace/didChangeConfiguration', { settings: this.settings });
  }

  /** CPU time (user + system) the server process has used so far, in ms (clock-tick resolution). */
  cpuMs() {
    try {
      const stat = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
    } catch {
      return null;
    }
  }

  /** Peak resident memory of the server process so far (kernel high-water mark), in MB. */
  peakRssMb() {
    try {
      return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'))[1]) / 1024;
    } catch {
      return null;
    }
  }

  async close() {
    await Promise.race([this.request('shutdown', null).catch(() => {}), new Promise((r) => setTimeout(r, 5_000))]);
    this.notify('exit', null);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), this.exitMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** A place where a container command publishes ports on the host. */
export interface PortPublication {
  /** Offset of the flag in the text. */
  readonly start: number;
  readonly end: number;
  /** The flag and its argument as written, e.g. `-p 80:5000` or `--network host`. */
  readonly text: string;
  /** Bound to a loopback address (`-p 127.0.0.1:80:80`): not reachable from the network. */
  readonly loopbackOnly: boolean;
}

const loopbackBinding = /^(-p|--publish)(=|\s+)(127(\.\d{1,3}){3}|\[::1\]|localhost):/;

const publishFlag = /(^|\s)(-p|--publish)(=|\s+)(\S+)|(^|\s)(-P|--publish-all)(?=\s|$)|(^|\s)(--net(?:work)?)(=|\s+)host(?=\s|$)/g;

/**
 * Find port publications of `docker run` / `podman run` commands in a text (unit content or a shell
 * line). A first approximation of the docker-run analysis: flags are found on lines that run a container.
 */
export function findPortPublications(text: string): PortPublication[] {
  const found: PortPublication[] = [];
  const lines = text.split('\n');
  let offset = 0;
  let inRun = false;
  for (const line of lines) {
    const runsContainer = /\b(docker|podman)(\s+container)?\s+(run|create)\b/.test(line);
    if (runsContainer) inRun = true;
    if (inRun) {
      const from = runsContainer ? line.search(/\b(run|create)\b/) : 0;
      publishFlag.lastIndex = from;
      for (let m = publishFlag.exec(line); m; m = publishFlag.exec(line)) {
        const lead = (m[1] ?? m[5] ?? m[7] ?? '').length;
        const start = offset + m.index + lead;
        const flag = m[0].slice(lead);
        found.push({ start, end: offset + m.index + m[0].length, text: flag, loopbackOnly: loopbackBinding.test(flag) });
      }
    }
    if (!/\\\s*$/.test(line)) inRun = false;
    offset += line.length + 1;
  }
  return found;
}

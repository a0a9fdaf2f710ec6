/**
 * The model of one container command line (`docker run …`, `docker container run …`,
 * `/usr/bin/docker run …`, `podman run …`) inside a unit's `Exec*=` value or a shell line.
 * Produced by `parseRunCommand.ts`; read by the docker rules, the cloud-config `no-firewall` rule,
 * the iptables `docker-bypass` rule, completion and hover.
 * Offsets are into the text the command was found in (unit text or user-data), so findings map directly.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A word of the command line after systemd's splitting (quotes removed in `value`). */
export interface CommandWord extends Span {
  readonly raw: string;
  readonly value: string;
}

/** One flag of `docker run` with its value: `-p 80:5000`, `--publish=80:5000`, `-d`, `--name web`. */
export interface RunFlag extends Span {
  /** The flag as written (`-p`, `--publish`, `-d`, `-dit` for bundled short flags). */
  readonly flag: CommandWord;
  /** Canonical long name (`publish`, `detach`, `name`, …); undefined for unknown flags. */
  readonly name: string | undefined;
  readonly value: CommandWord | undefined;
}

/** One way a container port reaches the host. */
export interface PortPublication extends Span {
  /** `-p 80:5000`, `--network host`, `-P` as written (for messages). */
  readonly text: string;
  readonly kind: 'publish' | 'publish-all' | 'host-network';
  /** Host address as written (`0.0.0.0`, `127.0.0.1`, `::`), undefined when none was given (= every interface). */
  readonly hostIp: string | undefined;
  /** Host port or range (`80`, `8000-8010`), undefined when Docker picks one (`127.0.0.1::5000`, `-P`). */
  readonly hostPort: string | undefined;
  /** Container port or range; undefined for `-P` and host networking (every port). */
  readonly containerPort: string | undefined;
  readonly protocol: 'tcp' | 'udp' | 'sctp';
  /** Bound to a loopback address only: unreachable from the network. */
  readonly loopbackOnly: boolean;
  /** Span of the host-address part (or where to insert one) for the "bind to 127.0.0.1" fix. */
  readonly bindEdit: { readonly start: number; readonly end: number; readonly newText: string } | undefined;
}

export interface RunCommand extends Span {
  /** `docker` or `podman` (as the program's base name). */
  readonly engine: 'docker' | 'podman';
  /** The program word (`/usr/bin/docker`). */
  readonly program: CommandWord;
  /** `run` or `create` (sub-command word). */
  readonly subcommand: CommandWord;
  readonly flags: readonly RunFlag[];
  /** The image word, if found. */
  readonly image: CommandWord | undefined;
  /** Arguments after the image (the container's command). */
  readonly args: readonly CommandWord[];
  readonly detach: RunFlag | undefined;
  readonly rm: RunFlag | undefined;
  readonly name: RunFlag | undefined;
  readonly restart: RunFlag | undefined;
  readonly publications: readonly PortPublication[];
}

/** What the Compose settings we explain do, in our words (hover and completion documentation). */
export const serviceKeyDocs: Readonly<Record<string, string>> = {
  ports:
    'Publishes container ports on the host. Each entry is `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]` or a mapping with `target`, `published`, `host_ip`, `protocol` and `mode`. Without a host address Docker listens on every interface of the host, and its NAT rules forward the traffic before the host firewall (ufw, firewalld, INPUT rules) sees it: write `127.0.0.1:` in front to keep a port to this machine.',
  network_mode:
    "Which network stack the containers of this service use: `bridge` (Docker's default network), `host` (the host's own interfaces: every port the container listens on is a port of the host, filtered by the host firewall and not by `ports:`), `none` (only loopback), `service:NAME` or `container:NAME` (share another container's stack). It cannot be combined with `networks:`.",
  restart:
    'When Docker starts the containers again: `no` (never, the default), `always` (whenever they stop, and when the Docker daemon starts, so also after a reboot), `on-failure[:N]` (after a non-zero exit, at most N times), `unless-stopped` (like `always`, except after someone stopped them by hand).',
  expose:
    'Documents ports the containers listen on for other containers. It publishes nothing on the host: only `ports:` (or `network_mode: host`) makes a port reachable from outside.',
  image: 'The image the containers run (`name[:tag]` or `name@digest`). A service needs `image`, `build` or `extends`.',
  build: 'Builds the image from a directory (the build context) with a Dockerfile, instead of pulling `image`.',
  networks:
    'The networks (from the top-level `networks:`) the containers join; cannot be combined with `network_mode`.',
  environment: 'Environment variables of the containers, as a list of `NAME=value` or a mapping.',
  volumes: 'Mounts: named volumes, host paths (`./data:/data`) or tmpfs, with `:ro` for read-only.',
  container_name: 'A fixed container name instead of the generated one; the service can then not be scaled.',
  depends_on: 'Services started before this one (and stopped after it).',
  command: "Replaces the image's default command.",
  healthcheck: 'A command Docker runs in the container to tell whether it is healthy.',
};

/** Values of `restart:` with what each does. */
export const restartValues: ReadonlyArray<readonly [string, string]> = [
  ['no', 'never restart (the default)'],
  ['always', 'restart whenever the container stops, and when the Docker daemon starts (after a reboot too)'],
  ['on-failure', 'restart after a non-zero exit (`on-failure:3` for at most three times)'],
  ['unless-stopped', 'like `always`, except after the container was stopped by hand'],
];

/** Values of `network_mode:` with what each does. */
export const networkModeValues: ReadonlyArray<readonly [string, string]> = [
  ['bridge', "Docker's default bridge network; only `ports:` reach the host"],
  ['host', "the host's own network stack: every listening port of the container is a port of the host"],
  ['none', 'no network but loopback'],
  ['service:', 'share the network stack of another service of this file (`service:NAME`)'],
  ['container:', 'share the network stack of a running container (`container:NAME`)'],
];

/** Keys of a long-syntax `ports:` entry, with what each sets. */
export const portKeyDocs: Readonly<Record<string, string>> = {
  target: 'the container port',
  published: 'the host port (or range); random when left out',
  host_ip: 'the host address to listen on: `127.0.0.1` keeps the port to this machine; left out, every interface',
  protocol: '`tcp` (the default) or `udp`',
  mode: '`host` (publish on the node running the container) or `ingress` (swarm routing mesh)',
  name: 'a name for the port, for documentation',
  app_protocol: 'the application protocol (`http`, `grpc`), for documentation',
};

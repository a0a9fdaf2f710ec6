/** Own-words docs for unit file sections, `Exec*=` command prefixes and `%` specifiers (systemd 252). */

export const sectionDocs: Readonly<Record<string, string>> = {
  Unit: 'Generic settings of every unit: description, dependencies and ordering, conditions, start limits.',
  Service:
    "How the service's processes are started, supervised, restarted and stopped, and the environment they run in.",
  Socket: 'Sockets, FIFOs or other files systemd listens on and hands to a service on first use.',
  Timer: 'When to activate another unit (by default the `.service` of the same name): calendar or relative times.',
  Mount: 'A file system mount point managed by systemd; the unit name is the escaped mount path.',
  Automount: 'A mount point that is mounted on first access (autofs); needs a `.mount` unit of the same name.',
  Swap: 'A swap device or file to enable.',
  Path: 'File system paths watched with inotify; a change activates another unit.',
  Slice: 'A node in the cgroup tree that groups units to share resource limits.',
  Scope: 'Processes started outside systemd and grouped for resource control; scopes cannot be defined in files.',
  Install:
    'What `systemctl enable` does: which targets pull the unit in (WantedBy=), aliases, companions. Ignored at run time.',
};

export interface ExecPrefixDoc {
  readonly prefix: string;
  readonly doc: string;
}

/** Longest first, so `!!` is matched before `!`. */
export const execPrefixDocs: readonly ExecPrefixDoc[] = [
  { prefix: '!!', doc: 'Like `!`, but only on systems without ambient capabilities; elsewhere it does nothing.' },
  { prefix: '-', doc: 'A failure of this command (non-zero exit or signal) is ignored and counted as success.' },
  { prefix: '@', doc: 'The second word becomes the process name (argv[0]); the first word is the program to run.' },
  { prefix: ':', doc: 'No `$VAR`/`${VAR}` substitution in this command line.' },
  {
    prefix: '+',
    doc: 'Runs with full privileges: User=, Group=, capability and sandbox settings do not apply to this command.',
  },
  {
    prefix: '!',
    doc: 'Only the user/group switch (User=, Group=, SupplementaryGroups=) is skipped; other sandboxing stays.',
  },
];

/** `%` specifiers expanded in most unit file values. */
export const specifierDocs: Readonly<Record<string, string>> = {
  '%%': 'A literal percent sign.',
  '%n': 'The full unit name, e.g. `web@1.service`.',
  '%N': 'The unit name without the type suffix, e.g. `web@1`.',
  '%p': 'The prefix: for `web@1.service` it is `web`; for non-templates the name without suffix.',
  '%P': 'The prefix with escapes undone.',
  '%i': 'The instance name: `1` in `web@1.service` (empty for non-templates).',
  '%I': 'The instance name with escapes undone (`-` becomes `/`, `\\x2d` becomes `-`).',
  '%j': 'The last `-`-separated part of the prefix.',
  '%J': 'The last part of the prefix, unescaped.',
  '%f': 'The unescaped instance (or prefix) as an absolute path: `/` plus the name.',
  '%H': 'The hostname of the machine at the time the unit is loaded.',
  '%l': 'The short hostname (up to the first dot).',
  '%q': 'The pretty hostname.',
  '%m': 'The machine ID (/etc/machine-id).',
  '%b': 'The boot ID.',
  '%o': 'The OS ID from os-release (`ubuntu`, `flatcar`…).',
  '%w': 'VERSION_ID from os-release.',
  '%B': 'BUILD_ID from os-release.',
  '%W': 'VARIANT_ID from os-release.',
  '%M': 'IMAGE_ID from os-release.',
  '%A': 'IMAGE_VERSION from os-release.',
  '%v': 'The kernel release (`uname -r`).',
  '%a': 'The architecture (x86-64, arm64…).',
  '%t': 'The runtime directory root: /run for the system manager, $XDG_RUNTIME_DIR for users.',
  '%S': 'The state directory root: /var/lib for the system manager.',
  '%C': 'The cache directory root: /var/cache for the system manager.',
  '%L': 'The log directory root: /var/log for the system manager.',
  '%E': 'The configuration directory root: /etc for the system manager.',
  '%T': 'The temporary directory: /tmp or $TMPDIR.',
  '%V': 'The directory for larger, persistent temporary files: /var/tmp or $TMPDIR.',
  '%d': 'The credentials directory ($CREDENTIALS_DIRECTORY).',
  '%h': 'The home directory of the user running the manager (root: /root); not of User=.',
  '%u': 'The name of the user running the manager (root for system units); not User=.',
  '%U': 'The UID of the user running the manager.',
  '%g': 'The name of the group running the manager.',
  '%G': 'The GID of the group running the manager.',
  '%s': 'The shell of the user running the manager.',
  '%y': 'The path of the unit file.',
  '%Y': 'The directory of the unit file.',
};

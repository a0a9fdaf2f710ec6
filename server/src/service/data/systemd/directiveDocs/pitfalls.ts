/**
 * The pitfall people hit with the directives cloud-configs use most (our own words, built on
 * FACTS §4). Shown under the one-line description in hover and completion.
 */

export const directivePitfalls: Readonly<Record<string, string>> = {
  Description:
    'Free text; no quotes needed (quotes are kept literally). Specifiers like `%i` are expanded, so write `%%` for a percent sign.',
  Documentation: 'Only URIs are accepted (`https://…`, `man:docker(1)`); a plain word is ignored with a warning.',
  After:
    'Ordering is not a dependency: `After=network-online.target` alone does not pull that target in — add `Wants=network-online.target` too. Names need their suffix (`After=docker` is rejected; write `docker.service`).',
  Before:
    'Only orders units that are started in the same transaction; it does not start the other unit. Names need their suffix.',
  Requires:
    'Does not order: without `After=` both units start in parallel, so this one may run before the other is ready. A listed unit that does not exist makes the start fail (and `systemd-analyze verify` exit 1).',
  Wants: 'Does not order: pair it with `After=` for the same unit. A missing or failing wanted unit is tolerated.',
  BindsTo:
    'Combine it with `After=` on the same unit; otherwise this unit can be stopped again right after starting when the other one is not up yet.',
  PartOf:
    'Only passes stop/restart on; it does not start this unit when the other starts (use `WantedBy=` in [Install] for that).',
  Conflicts: 'Stopping happens before starting only when ordering (`After=`/`Before=`) between the two units exists.',
  Requisite:
    'The start fails at once when the listed unit is not already active; combine it with `After=` so the check happens after that unit started.',
  OnFailure:
    'A unit that restarts itself (`Restart=`) only enters the failed state when the restarts give up (start limit), so the OnFailure= units may run much later than the first crash.',
  Type: '`simple` counts as started the moment the process is forked, so units ordered after it may start before it is ready. `forking` expects the command to exit after daemonising (pair with `PIDFile=`); a foreground program under `forking` is killed on the start timeout. `oneshot` is for commands that run and exit; combine it with `RemainAfterExit=yes` to keep the unit active. `notify` needs the program to call sd_notify. `notify-reload` does not exist in systemd 252.',
  ExecStart:
    "Not a shell: pipes, `&&`, redirects and globs are passed as plain arguments. Use `/bin/sh -c '…'` for shell syntax. Only Type=oneshot may have several ExecStart= lines. Under Type=simple the command must stay in the foreground: `docker run -d` or a self-daemonising program makes the unit exit or loop.",
  ExecStartPre:
    'A failing command aborts the start unless it has the `-` prefix — use `-` for cleanup steps that may fail, e.g. `ExecStartPre=-/usr/bin/docker rm -f web`. Processes started in the background here are killed before ExecStart= runs.',
  ExecStartPost:
    'Runs after the main process started; a failure here stops the unit (use `-` to tolerate it). For Type=simple it may run before the service is actually ready.',
  ExecStop:
    'Runs only when the service was started successfully; a command that merely prints or exits does not stop anything — afterwards systemd still sends KillSignal= to what is left.',
  ExecStopPost:
    'Also runs when the start failed, so cleanup must tolerate half-started state; prefix with `-` to ignore its own failure.',
  ExecReload:
    'Should block until the reload is done; `kill -HUP $MAINPID` returns immediately, so the reload may not be finished when systemctl reports success.',
  Restart:
    '`always`/`on-failure` with the default start limit (5 starts in 10s) ends in the failed state for a crash loop; raise `RestartSec=` or tune StartLimitBurst=/StartLimitIntervalSec= in [Unit]. `Type=oneshot` refuses `always` and `on-success`. There is no `Restart=yes` or `never`.',
  RestartSec:
    'With the default 100ms a crashing service hits the start limit within a second; a few seconds is usually what people want. Values like `5 minutes later` are rejected.',
  TimeoutStartSec:
    'Slow first starts (image pulls in `ExecStartPre=docker pull`) easily exceed the default 90s; set a longer value or `infinity` for such units. `0` also disables the timeout.',
  TimeoutStopSec:
    'After it expires the processes get SIGKILL; databases and containers may need longer than the default 90s to shut down cleanly.',
  TimeoutSec:
    'Sets both the start and the stop timeout; set TimeoutStartSec=/TimeoutStopSec= separately when only one should change.',
  RemainAfterExit:
    'Without it a oneshot unit goes back to inactive right after its command ends, so `systemctl status` shows it as dead and units with `After=` on it cannot tell it ran; a second start runs the command again.',
  User: 'Applies to every Exec*= command, including ExecStartPre= cleanup; prefix a single command with `+` to run it as root. The user must exist when the unit starts (create it in cloud-config `users:` first).',
  Group:
    'Without it the processes run with the primary group of User=. Supplementary groups such as `docker` need SupplementaryGroups=.',
  Environment:
    'Each word is one `NAME=value`; a value with spaces must be quoted as a whole: `Environment="OPTS=-a -b"`. `$VAR` is not expanded here, and the variables are not seen by other units. In `BAD KEY=1` the word `BAD` is dropped as invalid.',
  EnvironmentFile:
    'Lines are `NAME=value`; nothing in it is run as shell code. The file must exist at start unless the path has a `-` prefix. It is read when the unit starts, so write it (write_files) before the unit runs.',
  WorkingDirectory:
    'Must be an absolute path (or `~`); a missing directory fails the start unless written with a `-` prefix.',
  KillMode:
    '`process` kills only the main process and leaves its children running, which leaks processes across restarts. `none` is deprecated and warned about. `control-group` (default) is what most services need.',
  KillSignal:
    'Use a signal name (`SIGTERM`, `SIGINT`, `SIGQUIT`) or number; unknown names such as `SIGFOO` are ignored with a warning.',
  WantedBy:
    'Only takes effect when the unit is enabled (`systemctl enable`, or `enable: true` in coreos.units). Use the target name with suffix: `multi-user.target`. Writing it in [Service] instead of [Install] is ignored.',
  RequiredBy:
    'Only takes effect when the unit is enabled; a failure of this unit then fails the target that requires it.',
  Alias: 'The alias must have the same suffix as the unit; it exists only after `systemctl enable`.',
  Also: 'Units listed here are enabled too; they need their own [Install] section to be enableable.',
  LimitNOFILE:
    'No K/M suffix (`1K` is rejected): write a number, `soft:hard` or `infinity`. Very large values (`infinity`) can slow down programs that loop over all possible descriptors.',
  LimitNPROC: 'Counts all processes of the user, not of this unit; TasksMax= limits the unit itself.',
  StartLimitBurst:
    'Belongs in [Unit] (the [Service] spelling is legacy); too-fast restarts beyond this count put the unit into the failed state until `systemctl reset-failed`.',
  StartLimitIntervalSec:
    'Belongs in [Unit]; `0` disables the start rate limit. Restarts by `Restart=` count against it.',
  StandardOutput:
    '`syslog` is obsolete and turned into `journal` with a warning; `console` is not a valid value (use `tty` or `journal+console`). `file:PATH` overwrites from the start of the file — use `append:PATH` for logs.',
  StandardError:
    'Defaults to `inherit`, i.e. the same place as StandardOutput=; the same values apply (`syslog` is obsolete, `console` rejected).',
  SyslogIdentifier:
    'Without it log lines are tagged with the process name (for docker units: `docker`), so `journalctl -t` cannot tell units apart.',
  PIDFile:
    'Only useful with Type=forking; the path should be below /run. A stale file from an earlier run can point at the wrong process.',
  Nice: 'A number from -20 to 19; higher means less CPU priority. It does not cap CPU use — CPUQuota= does.',
  MemoryMax:
    'Page cache counts toward the cap; when memory cannot be reclaimed below it, the kernel OOM-kills a process of the unit. Use a suffix (`512M`, `2G`); MemoryLimit= is the deprecated older name.',
  CPUQuota: 'Percent of one CPU: `200%` allows two full CPUs. It caps even when the machine is idle.',
  ConditionPathExists:
    'A failed condition skips the unit quietly: it is not an error and OnFailure= does not run. Prefix the path with `!` to require that it does not exist. Use AssertPathExists= when a missing path should be a failure.',
  OnCalendar:
    'Calendar syntax is `DayOfWeek Year-Month-Day Hour:Minute:Second` (`Mon *-*-* 02:00:00`, `daily`, `*:0/5`); cron lines and English like `every tuesday` are rejected. Check with `systemd-analyze calendar`.',
  OnBootSec:
    'Counts from boot, so a timer enabled later fires at once if the time already passed. Combine with OnUnitActiveSec= for a repeating job.',
  OnUnitActiveSec:
    'Counts from the last start of the triggered unit; it never fires if that unit was never started, so pair it with OnBootSec= or OnActiveSec=.',
  Persistent:
    'Only works with OnCalendar=; the last run time is stored on disk, so a missed run is caught up once at the next boot.',
  Unit: 'Defaults to the unit with the same name and `.service` suffix; a timer and a service with different names need Unit= set explicitly.',
  ListenStream:
    'A bare port listens on all addresses for IPv4 and IPv6 (`[::]`); write `127.0.0.1:8080` to stay local. The service must accept the socket from systemd (sd_listen_fds) — a program that binds the port itself fails with "address in use".',
  Accept:
    '`yes` needs a template service `name@.service` and starts one instance per connection; most daemons expect `no` (the default) and one service that receives the listening socket.',
  What: 'Use a stable name (`/dev/disk/by-uuid/…`, `UUID=…`, `LABEL=…`); `/dev/sdb` can change between boots.',
  Where:
    'The unit file name must be the escaped mount point (`/var/lib/docker` → `var-lib-docker.mount`, see `systemd-escape -p`); a mismatch stops the unit from loading.',
  Options:
    'Network file systems need `_netdev` (or ordering after network-online.target) so the mount waits for the network.',
  Slice: 'The slice must be a `.slice` unit; a name that does not exist is created implicitly, without limits.',
  PrivateTmp:
    'Files the service writes to /tmp are invisible to other units and to `ssh` sessions, and disappear when the unit stops.',
  NoNewPrivileges:
    'Breaks programs that rely on setuid or file-capability helpers (sudo, su, ping where it is setuid).',
  ProtectSystem:
    '`strict` makes everything read-only, including /var: add `ReadWritePaths=` (or StateDirectory=) for places the service writes. `read-only` is not a value; use `yes`, `full` or `strict`.',
  DefaultDependencies:
    '`no` removes the implicit ordering after basic.target and before shutdown.target; only early-boot units want that, and they then need their own ordering.',
  ProtectHome:
    '`yes` hides /root too: a service with ProtectHome=yes cannot read configuration kept under /root or /home.',
  ReadWritePaths: 'Paths that do not exist when the unit starts make it fail; prefix with `-` to skip missing ones.',
  AmbientCapabilities:
    'Needed for a non-root User= to bind ports below 1024 (`CAP_NET_BIND_SERVICE`); the capability must also be in CapabilityBoundingSet= when that is set.',
  SuccessExitStatus:
    'Codes listed here (e.g. `143` for Java stopped by SIGTERM) count as a clean exit, so Restart=on-failure does not restart on them.',
};

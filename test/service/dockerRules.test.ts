import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { diagnose, fixesFor, rangeText, spans, withCode } from '../helpers/service';

/** A unit file as a standalone systemd document: its docker/* findings as `code: covered text`. */
const dockerSpans = (text: string): string[] =>
  spans(text, diagnose(text, {}, 'systemd')).filter((s) => s.startsWith('docker/'));
const unitFixes = (text: string, code: string): Array<[string, string]> => fixesFor(text, code, {}, 'systemd');

/** The unit lines indented as `content: |` of a coreos.units entry. */
function embedded(unit: string, name = 'lookup.service'): string {
  const body = unit
    .split('\n')
    .map((l) => (l ? `        ${l}` : l))
    .join('\n');
  return `#cloud-config\ncoreos:\n  units:\n    - name: ${name}\n      command: start\n      content: |\n${body}`;
}

const classic = (pull: string, run = '-p 0.0.0.0:80:5000 --name lookup'): string =>
  [
    '[Unit]',
    'Description=Lookup service',
    'After=docker.service',
    'Requires=docker.service',
    '',
    '[Service]',
    'TimeoutStartSec=0',
    'ExecStartPre=-/usr/bin/docker kill lookup',
    'ExecStartPre=-/usr/bin/docker rm lookup',
    `ExecStartPre=${pull}/usr/bin/docker pull example/lookup`,
    `ExecStart=/usr/bin/docker run ${run} example/lookup`,
    'ExecStop=/usr/bin/docker stop lookup',
    '',
  ].join('\n');

describe('the classic lookup.service', () => {
  test('standalone: exactly one finding, the exposure warning, with the bind fix', () => {
    const text = classic('-');
    const all = diagnose(text, {}, 'systemd');
    assert.deepEqual(spans(text, all), ['docker/port-exposure: -p 0.0.0.0:80:5000']);
    assert.equal(all[0]!.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(unitFixes(text, 'docker/port-exposure'), [
      ['Bind to 127.0.0.1 (reachable from this machine only)', text.replace('0.0.0.0:80:5000', '127.0.0.1:80:5000')],
    ]);
  });

  test('standalone, pull without `-`: also the pull information, whose fix adds the prefix', () => {
    const text = classic('');
    const all = diagnose(text, {}, 'systemd');
    assert.deepEqual(spans(text, all), [
      'docker/pull-not-optional: /usr/bin/docker pull example/lookup',
      'docker/port-exposure: -p 0.0.0.0:80:5000',
    ]);
    assert.equal(withCode(all, 'docker/pull-not-optional')[0]!.severity, DiagnosticSeverity.Information);
    assert.deepEqual(unitFixes(text, 'docker/pull-not-optional'), [
      ["Make the pull optional ('-' prefix)", classic('-')],
    ]);
  });

  test('standalone with -d: the detach warning too, whose fix removes the flag', () => {
    const text = classic('-', '-d -p 0.0.0.0:80:5000 --name lookup');
    assert.deepEqual(dockerSpans(text), ['docker/detached: -d', 'docker/port-exposure: -p 0.0.0.0:80:5000']);
    assert.deepEqual(
      unitFixes(text, 'docker/detached').map(([, t]) => t),
      [classic('-')],
    );
  });

  test('embedded in coreos.units: the same findings at the same words, fixes applied in the YAML', () => {
    const text = embedded(classic('-'));
    const docker = diagnose(text).filter((d) => String(d.code).startsWith('docker/'));
    assert.deepEqual(spans(text, docker), ['docker/port-exposure: -p 0.0.0.0:80:5000']);
    assert.deepEqual(
      fixesFor(text, 'docker/port-exposure').map(([, t]) => t),
      [embedded(classic('-').replace('0.0.0.0:80:5000', '127.0.0.1:80:5000'))],
    );
    const withD = embedded(classic('', '-d -p 0.0.0.0:80:5000 --name lookup'));
    assert.deepEqual(
      spans(
        withD,
        diagnose(withD).filter((d) => String(d.code).startsWith('docker/')),
      ),
      [
        'docker/pull-not-optional: /usr/bin/docker pull example/lookup',
        'docker/detached: -d',
        'docker/port-exposure: -p 0.0.0.0:80:5000',
      ],
    );
    assert.deepEqual(
      fixesFor(withD, 'docker/detached').map(([, t]) => t),
      [embedded(classic(''))],
    );
  });
});

const svc = (...lines: string[]): string =>
  ['[Unit]', 'After=docker.service', 'Requires=docker.service', '', '[Service]', ...lines, ''].join('\n');

describe('docker/detached', () => {
  test('-d, --detach and --detach=true in ExecStart are reported', () => {
    for (const flag of ['-d', '--detach', '--detach=true']) {
      const text = svc(`ExecStart=/usr/bin/docker run --rm ${flag} nginx`);
      assert.deepEqual(dockerSpans(text), [`docker/detached: ${flag}`], flag);
      assert.deepEqual(
        unitFixes(text, 'docker/detached').map(([, t]) => t),
        [svc('ExecStart=/usr/bin/docker run --rm nginx')],
        flag,
      );
    }
  });

  test('bundled -dit: the warning covers the bundle, the fix removes only the d', () => {
    const text = svc('ExecStart=/usr/bin/docker run --rm -dit nginx');
    assert.deepEqual(dockerSpans(text), ['docker/detached: -dit']);
    assert.deepEqual(unitFixes(text, 'docker/detached'), [
      [
        "Remove the 'd' from '-dit' (keep the client in the foreground)",
        svc('ExecStart=/usr/bin/docker run --rm -it nginx'),
      ],
    ]);
  });

  test('-d as the last word before a continuation keeps the line joined', () => {
    const text = svc('ExecStart=/usr/bin/docker run --rm -d \\', '  nginx');
    assert.deepEqual(
      unitFixes(text, 'docker/detached').map(([, t]) => t),
      [svc('ExecStart=/usr/bin/docker run --rm \\', '  nginx')],
    );
  });

  test('not reported: --detach=false, -d after the image, -d in ExecStartPre, a oneshot that remains active', () => {
    assert.deepEqual(dockerSpans(svc('ExecStart=/usr/bin/docker run --rm --detach=false nginx')), []);
    assert.deepEqual(dockerSpans(svc('ExecStart=/usr/bin/docker run --rm busybox ping -d x')), []);
    assert.deepEqual(
      dockerSpans(svc('ExecStartPre=/usr/bin/docker run -d --rm helper', 'ExecStart=/usr/bin/docker run --rm nginx')),
      [],
    );
    assert.deepEqual(
      dockerSpans(
        svc(
          'Type=oneshot',
          'RemainAfterExit=yes',
          'ExecStart=/usr/bin/docker run --rm -d nginx',
          'ExecStop=/usr/bin/docker stop x',
        ),
      ),
      [],
    );
  });
});

describe('docker/port-exposure', () => {
  test('each open publication is reported; loopback and specific addresses are not', () => {
    const text = svc(
      'ExecStart=/usr/bin/docker run --rm -p 127.0.0.1:8080:80 -p 443:443 -p 10.0.0.5:22:22 -p [::]:53:53/udp nginx',
    );
    assert.deepEqual(dockerSpans(text), [
      'docker/port-exposure: -p 443:443',
      'docker/port-exposure: -p [::]:53:53/udp',
    ]);
  });

  test('-P is reported without a bind fix; host networking is not (INPUT rules apply there)', () => {
    const text = svc('ExecStart=/usr/bin/docker run --rm -P nginx');
    assert.deepEqual(dockerSpans(text), ['docker/port-exposure: -P']);
    assert.deepEqual(unitFixes(text, 'docker/port-exposure'), []);
    assert.deepEqual(dockerSpans(svc('ExecStart=/usr/bin/docker run --rm --net=host nginx')), []);
  });

  test('inside sh -c the range still points at the mapping in the unit text', () => {
    const text = svc(`ExecStart=/bin/sh -c 'exec /usr/bin/docker run --rm -p "8080:80" nginx'`);
    assert.deepEqual(dockerSpans(text), ['docker/port-exposure: -p "8080:80"']);
    assert.deepEqual(
      unitFixes(text, 'docker/port-exposure').map(([, t]) => t),
      [text.replace('"8080:80"', '"127.0.0.1:8080:80"')],
    );
  });

  test('not reported when the same user-data filters DOCKER-USER', () => {
    const unit = svc('ExecStart=/usr/bin/docker run --rm -p 80:80 nginx');
    const rules =
      'write_files:\n  - path: /var/lib/iptables/rules-save\n    content: |\n      *filter\n      :INPUT DROP [0:0]\n      :DOCKER-USER - [0:0]\n      -A DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 80 -j RETURN\n      -A DOCKER-USER -i eth0 -j DROP\n      COMMIT\n';
    const without = embedded(unit, 'web.service');
    assert.equal(withCode(diagnose(without), 'docker/port-exposure').length, 1);
    const text = without.replace('#cloud-config\n', `#cloud-config\n${rules}`);
    assert.deepEqual(withCode(diagnose(text), 'docker/port-exposure'), []);
  });
});

describe('docker/name-conflict', () => {
  test('--name without --rm or removal: warning on the flag; the fix adds kill and rm before ExecStart', () => {
    const text = svc('ExecStart=/usr/bin/docker run --name web nginx');
    const [d, ...rest] = withCode(diagnose(text, {}, 'systemd'), 'docker/name-conflict');
    assert.equal(rest.length, 0);
    assert.equal(rangeText(text, d!), '--name web');
    assert.equal(d!.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(
      unitFixes(text, 'docker/name-conflict').map(([, t]) => t),
      [
        svc(
          'ExecStartPre=-/usr/bin/docker kill web',
          'ExecStartPre=-/usr/bin/docker rm web',
          'ExecStart=/usr/bin/docker run --name web nginx',
        ),
      ],
    );
  });

  test('only the missing line is added; podman and specifiers are kept', () => {
    const text = svc('ExecStartPre=-/usr/bin/podman stop %n', 'ExecStart=/usr/bin/podman run --name=%n nginx');
    assert.deepEqual(
      unitFixes(text, 'docker/name-conflict').map(([, t]) => t),
      [
        svc(
          'ExecStartPre=-/usr/bin/podman stop %n',
          'ExecStartPre=-/usr/bin/podman rm %n',
          'ExecStart=/usr/bin/podman run --name=%n nginx',
        ),
      ],
    );
  });

  test('embedded: the inserted lines carry the block indentation', () => {
    const unit = '[Service]\nExecStart=/usr/bin/docker run --name web nginx\n';
    const text = embedded(unit, 'web.service');
    assert.deepEqual(
      fixesFor(text, 'docker/name-conflict').map(([, t]) => t),
      [
        embedded(
          '[Service]\nExecStartPre=-/usr/bin/docker kill web\nExecStartPre=-/usr/bin/docker rm web\nExecStart=/usr/bin/docker run --name web nginx\n',
          'web.service',
        ),
      ],
    );
  });

  test('not reported with --rm, podman --replace, or an ExecStartPre that removes the name', () => {
    const ok = [
      svc('ExecStart=/usr/bin/docker run --rm --name web nginx'),
      svc('ExecStart=/usr/bin/podman run --replace --name web nginx'),
      svc('ExecStartPre=-/usr/bin/docker rm -f web', 'ExecStart=/usr/bin/docker run --name web nginx'),
      svc('ExecStartPre=-/usr/bin/docker container rm web', 'ExecStart=/usr/bin/docker run --name web nginx'),
      svc(
        'ExecStartPre=/bin/sh -c "docker ps -a | grep web && docker rm web || true"',
        'ExecStart=/usr/bin/docker run --name web nginx',
      ),
    ];
    for (const text of ok) assert.deepEqual(withCode(diagnose(text, {}, 'systemd'), 'docker/name-conflict'), [], text);
    // Removing another name does not help.
    assert.equal(
      withCode(
        diagnose(
          svc('ExecStartPre=-/usr/bin/docker rm other', 'ExecStart=/usr/bin/docker run --name web nginx'),
          {},
          'systemd',
        ),
        'docker/name-conflict',
      ).length,
      1,
    );
  });

  test('ExecStop= or ExecStopPost= that removes the container frees the name', () => {
    const ok = [
      svc('ExecStart=/usr/bin/docker run --name web nginx', 'ExecStop=/usr/bin/docker rm -f web'),
      svc(
        'ExecStart=/usr/bin/docker run --name web nginx',
        'ExecStop=/usr/bin/docker stop web',
        'ExecStopPost=-/usr/bin/docker rm web',
      ),
      svc('ExecStart=/bin/sh -c "/usr/bin/docker rm -f web; exec /usr/bin/docker run --name web nginx"'),
    ];
    for (const text of ok) assert.deepEqual(withCode(diagnose(text, {}, 'systemd'), 'docker/name-conflict'), [], text);
    // Stopping alone keeps the name taken.
    assert.equal(
      withCode(
        diagnose(
          svc('ExecStart=/usr/bin/docker run --name web nginx', 'ExecStop=/usr/bin/docker stop web'),
          {},
          'systemd',
        ),
        'docker/name-conflict',
      ).length,
      1,
    );
  });

  test('a wrapper script written by the same user-data that removes the container frees the name', () => {
    const unit = '[Service]\nExecStart=/usr/bin/docker run --name web nginx\nExecStopPost=/opt/bin/web-cleanup\n';
    const script = (body: string): string =>
      `write_files:\n  - path: /opt/bin/web-cleanup\n    permissions: "0755"\n    content: |\n      #!/bin/sh\n      ${body}\n`;
    const freed = `${embedded(unit, 'web.service')}${script('docker rm -f web || true')}`;
    assert.deepEqual(withCode(diagnose(freed), 'docker/name-conflict'), []);
    const other = `${embedded(unit, 'web.service')}${script('docker rm -f cache || true')}`;
    assert.equal(withCode(diagnose(other), 'docker/name-conflict').length, 1);
  });
});

describe('docker/pull-not-optional', () => {
  test('docker pull, image pull and podman pull without `-` are reported; with `-` or in ExecStart they are not', () => {
    for (const pull of ['/usr/bin/docker pull a', '/usr/bin/docker image pull a', '/usr/bin/podman pull a']) {
      const text = svc(`ExecStartPre=${pull}`, 'ExecStart=/usr/bin/docker run --rm a');
      assert.deepEqual(dockerSpans(text), [`docker/pull-not-optional: ${pull}`], pull);
    }
    assert.deepEqual(
      dockerSpans(svc('ExecStartPre=-/usr/bin/docker pull a', 'ExecStart=/usr/bin/docker run --rm a')),
      [],
    );
    assert.deepEqual(dockerSpans(svc('Type=oneshot', 'ExecStart=/usr/bin/docker pull a')), []);
  });

  test('the fix adds `-` in front of the other prefixes', () => {
    const text = svc('ExecStartPre=@/usr/bin/docker docker pull a', 'ExecStart=/usr/bin/docker run --rm a');
    assert.deepEqual(
      unitFixes(text, 'docker/pull-not-optional').map(([, t]) => t),
      [text.replace('=@/usr', '=-@/usr')],
    );
  });
});

describe('docker/missing-dependency', () => {
  test('no [Unit] at all: warning on the docker command; the fix creates the section', () => {
    const text = '[Service]\nExecStart=/usr/bin/docker run --rm nginx\n';
    assert.deepEqual(dockerSpans(text), ['docker/missing-dependency: /usr/bin/docker run']);
    assert.deepEqual(unitFixes(text, 'docker/missing-dependency'), [
      [
        'Add After=docker.service and Requires=docker.service to [Unit]',
        '[Unit]\nAfter=docker.service\nRequires=docker.service\n\n[Service]\nExecStart=/usr/bin/docker run --rm nginx\n',
      ],
    ]);
  });

  test('a [Unit] without docker: the lines are added after its last entry', () => {
    const text = '[Unit]\nDescription=Web\n\n[Service]\nExecStart=/usr/bin/docker run --rm nginx\n';
    assert.deepEqual(
      unitFixes(text, 'docker/missing-dependency').map(([, t]) => t),
      [
        '[Unit]\nDescription=Web\nAfter=docker.service\nRequires=docker.service\n\n[Service]\nExecStart=/usr/bin/docker run --rm nginx\n',
      ],
    );
  });

  test('Requires= without After=: only the ordering is added', () => {
    const text = '[Unit]\nRequires=docker.service\n\n[Service]\nExecStart=/usr/bin/docker run --rm nginx\n';
    assert.deepEqual(unitFixes(text, 'docker/missing-dependency'), [
      [
        'Add After=docker.service to [Unit]',
        text.replace('Requires=docker.service', 'Requires=docker.service\nAfter=docker.service'),
      ],
    ]);
  });

  test('embedded without [Unit]: the new section keeps the block indentation', () => {
    const text = embedded('[Service]\nExecStart=/usr/bin/docker run --rm nginx\n', 'web.service');
    assert.deepEqual(
      fixesFor(text, 'docker/missing-dependency').map(([, t]) => t),
      [
        embedded(
          '[Unit]\nAfter=docker.service\nRequires=docker.service\n\n[Service]\nExecStart=/usr/bin/docker run --rm nginx\n',
          'web.service',
        ),
      ],
    );
  });

  test('not reported: After= on docker.service or docker.socket, podman (no daemon), drop-ins, units without docker', () => {
    const run = 'ExecStart=/usr/bin/docker run --rm nginx';
    assert.deepEqual(dockerSpans(`[Unit]\nAfter=network-online.target docker.service\n\n[Service]\n${run}\n`), []);
    assert.deepEqual(dockerSpans(`[Unit]\nAfter=docker.socket\nRequires=docker.socket\n\n[Service]\n${run}\n`), []);
    assert.deepEqual(dockerSpans('[Service]\nExecStart=/usr/bin/podman run --rm nginx\n'), []);
    assert.deepEqual(dockerSpans('[Service]\nExecStart=/usr/bin/sleep infinity\n'), []);
    const dropIn =
      '#cloud-config\ncoreos:\n  units:\n    - name: web.service\n      drop_ins:\n        - name: 10-image.conf\n          content: |\n            [Service]\n            ExecStart=\n            ExecStart=/usr/bin/docker run --rm nginx:2\n';
    assert.deepEqual(withCode(diagnose(dropIn), 'docker/missing-dependency'), []);
  });
});

test('a unit ordered after early-docker (Container Linux) has its daemon dependency', () => {
  const unit =
    '[Unit]\nAfter=early-docker.service\nRequires=early-docker.service\n[Service]\nEnvironment="DOCKER_HOST=unix:///var/run/early-docker.sock"\nExecStart=/usr/bin/docker run --rm busybox true\n';
  assert.deepEqual(withCode(diagnose(unit, {}, 'systemd'), 'docker/missing-dependency'), []);
  assert.equal(
    withCode(diagnose(unit.replace(/early-docker/g, 'network'), {}, 'systemd'), 'docker/missing-dependency').length,
    1,
  );
});

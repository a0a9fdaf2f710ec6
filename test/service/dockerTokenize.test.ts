import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sourceOfText, splitExecCommands, splitShellCommands } from '../../server/src/service/docker/commandWords';
import { findRunCommands } from '../../server/src/service/docker/findRunCommands';
import type { RunCommand } from '../../server/src/service/docker/runModel';
import { dockerFindings } from '../../server/src/service/systemd/rules/dockerRules';
import { completeRunFlag, hoverRunCommand } from '../../server/src/service/docker/runAssist';
import { parseUnit } from '../../server/src/service/systemd/parseUnit';

const unit = (exec: string): string => `[Service]\n${exec}\n`;

/** Flags as `written → canonical name = value`, the image and the container arguments. */
function shape(
  text: string,
  run: RunCommand | undefined,
): { flags: string[]; image: string | undefined; args: string[] } {
  assert.ok(run, 'no run command found');
  return {
    flags: run.flags.map(
      (f) => `${text.slice(f.start, f.end)} → ${f.name ?? '?'}${f.value ? ` = ${f.value.value}` : ''}`,
    ),
    image: run.image?.value,
    args: run.args.map((a) => a.value),
  };
}

describe('systemd-style splitting of Exec values', () => {
  test('double and single quotes group words, escapes are resolved, quotes inside a word are removed', () => {
    const text = `ExecStart=/bin/echo "a b" 'c "d"' e\\ f x"y z"w \\"q`;
    const words = splitExecCommands(sourceOfText(text, 'ExecStart='.length))[0]!;
    assert.deepEqual(
      words.map((w) => w.value),
      ['/bin/echo', 'a b', 'c "d"', 'e f', 'xy zw', '"q'],
    );
    assert.deepEqual(
      words.map((w) => w.raw),
      ['/bin/echo', '"a b"', `'c "d"'`, 'e\\ f', 'x"y z"w', '\\"q'],
    );
  });

  test('a lone `;` separates commands, an escaped one does not; `$VAR` and `${VAR}` stay words', () => {
    const text = '/bin/a $X ; /bin/b ${Y} \\; z';
    const commands = splitExecCommands(sourceOfText(text));
    assert.deepEqual(
      commands.map((c) => c.map((w) => w.value)),
      [
        ['/bin/a', '$X'],
        ['/bin/b', '${Y}', ';', 'z'],
      ],
    );
  });
});

describe('shell-style splitting', () => {
  test('&&, ||, ;, | and line breaks end commands; comments and redirections are dropped', () => {
    const text = 'a 1 && b 2 || c; d | e > /dev/null 2>&1 # note\nf "g h" \\\n  i';
    const commands = splitShellCommands(sourceOfText(text)).map((c) => c.map((w) => w.value));
    assert.deepEqual(commands, [['a', '1'], ['b', '2'], ['c'], ['d'], ['e'], ['f', 'g h', 'i']]);
  });
});

describe('finding docker run commands', () => {
  test('the classic ExecStart: flags, image, no arguments', () => {
    const text = unit('ExecStart=/usr/bin/docker run -p 0.0.0.0:80:5000 --name lookup example/lookup');
    assert.deepEqual(shape(text, findRunCommands(text)[0]), {
      flags: ['-p 0.0.0.0:80:5000 → publish = 0.0.0.0:80:5000', '--name lookup → name = lookup'],
      image: 'example/lookup',
      args: [],
    });
  });

  test('--flag=value, bundled short flags and attached short values', () => {
    const text = unit(
      'ExecStart=/usr/bin/docker run -dit --name=web -p8080:80 -dp 443:443 --restart=always nginx:1.25',
    );
    assert.deepEqual(shape(text, findRunCommands(text)[0]), {
      flags: [
        'd → detach',
        'i → interactive',
        't → tty',
        '--name=web → name = web',
        '-p8080:80 → publish = 8080:80',
        'd → detach',
        '-dp 443:443 → publish = 443:443',
        '--restart=always → restart = always',
      ],
      image: 'nginx:1.25',
      args: [],
    });
  });

  test('words after the image belong to the container, even when they look like flags', () => {
    const text = unit('ExecStart=/usr/bin/docker run --rm alpine sh -c "echo -p 80:80" -d');
    const run = findRunCommands(text)[0];
    assert.deepEqual(shape(text, run), {
      flags: ['--rm → rm'],
      image: 'alpine',
      args: ['sh', '-c', 'echo -p 80:80', '-d'],
    });
    assert.equal(run!.detach, undefined);
    assert.deepEqual(run!.publications, []);
  });

  test('`--` ends the options; an unknown option does not swallow the image', () => {
    const text = unit('ExecStart=/usr/bin/docker run --some-new-flag --other-new=1 --future-path /x -- myimage --flag');
    assert.deepEqual(shape(text, findRunCommands(text)[0]), {
      flags: ['--some-new-flag → ?', '--other-new=1 → ? = 1', '--future-path /x → ? = /x'],
      image: 'myimage',
      args: ['--flag'],
    });
  });

  test('continuation lines are joined and offsets point into the unit text', () => {
    const text = unit(
      'ExecStart=/usr/bin/docker run \\\n  --rm \\\n  # a comment line inside the continuation\n  --publish 9092:9092 \\\n  --name kafka-%i \\\n  ${IMAGE}',
    );
    const run = findRunCommands(text)[0];
    assert.deepEqual(shape(text, run), {
      flags: ['--rm → rm', '--publish 9092:9092 → publish = 9092:9092', '--name kafka-%i → name = kafka-%i'],
      image: '${IMAGE}',
      args: [],
    });
    assert.equal(text.slice(run!.image!.start, run!.image!.end), '${IMAGE}');
  });

  test('quoted values keep their quotes in the text but not in the value', () => {
    const text = unit(`ExecStart=/usr/bin/docker run -e "GREETING=hello world" -p '127.0.0.1:80:80' nginx`);
    const run = findRunCommands(text)[0]!;
    assert.deepEqual(shape(text, run).flags, [
      `-e "GREETING=hello world" → env = GREETING=hello world`,
      `-p '127.0.0.1:80:80' → publish = 127.0.0.1:80:80`,
    ]);
  });

  test('an options variable is skipped; the image after it is found', () => {
    const text = unit('ExecStart=/usr/bin/docker run $DOCKER_OPTS --name x ${IMAGE} serve');
    assert.deepEqual(shape(text, findRunCommands(text)[0]), {
      flags: ['$DOCKER_OPTS → ?', '--name x → name = x'],
      image: '${IMAGE}',
      args: ['serve'],
    });
  });

  test('every spelling of the command is recognised; other docker sub-commands are not run commands', () => {
    const spellings = [
      'ExecStart=/usr/bin/docker run --rm a',
      'ExecStart=docker container run --rm a',
      'ExecStart=/usr/bin/docker create --rm a',
      'ExecStart=/usr/bin/env docker run --rm a',
      'ExecStart=/usr/bin/sudo -E docker run --rm a',
      'ExecStart=/usr/bin/podman run --rm a',
      'ExecStart=-@/usr/bin/docker docker run --rm a',
      'ExecStart=/usr/bin/docker -H unix:///var/run/docker.sock run --rm a',
      "ExecStart=/bin/sh -c 'exec /usr/bin/docker run --rm a'",
      'ExecStart=/bin/bash -ec "docker pull a && docker run --rm a"',
    ];
    for (const line of spellings) {
      const text = unit(line);
      const runs = findRunCommands(text);
      assert.equal(runs.length, 1, line);
      assert.equal(runs[0]!.image?.value, 'a', line);
      assert.equal(text.slice(runs[0]!.image!.start, runs[0]!.image!.end), 'a', line);
    }
    assert.equal(findRunCommands(unit('ExecStart=/usr/bin/podman run --rm a'))[0]!.engine, 'podman');
    for (const line of [
      'ExecStop=/usr/bin/docker stop a',
      'ExecStartPre=-/usr/bin/docker rm a',
      'ExecStart=/opt/bin/systemd-docker run --rm a',
      'ExecStart=/bin/echo docker run a',
    ]) {
      assert.deepEqual(findRunCommands(unit(line)), [], line);
    }
  });

  test('shell text: runcmd lines with operators, sudo and env assignments', () => {
    const text =
      'apt-get update && sudo docker run -d -p 80:80 nginx; FOO=1 docker run --rm -p 81:81 b | tee log\necho docker run x\n';
    const runs = findRunCommands(text, 'shell');
    assert.deepEqual(
      runs.map((r) => [r.image?.value, r.publications.map((p) => p.text)]),
      [
        ['nginx', ['-p 80:80']],
        ['b', ['-p 81:81']],
      ],
    );
    assert.deepEqual(
      runs.map((r) => text.slice(r.start, r.end)),
      ['sudo docker run -d -p 80:80 nginx', 'FOO=1 docker run --rm -p 81:81 b'],
    );
  });

  test('a unit text is told from shell text without being told', () => {
    assert.equal(findRunCommands('[Service]\nExecStart=/usr/bin/docker run -p 1:1 a\n')[0]?.publications.length, 1);
    assert.equal(findRunCommands('docker run -p 1:1 a\n')[0]?.publications.length, 1);
  });

  test('bytes that are not a command never throw', () => {
    for (const junk of [
      '',
      '\\',
      '"',
      "'",
      'docker',
      'docker run',
      'docker run -p',
      'docker run --name',
      '[Service]\nExecStart=docker run -p "',
      'docker run $(',
      '\u0000\uffff docker run \\',
    ]) {
      assert.doesNotThrow(() => findRunCommands(junk), JSON.stringify(junk));
      assert.doesNotThrow(() => findRunCommands(junk, 'unit'), JSON.stringify(junk));
    }
    assert.equal(findRunCommands('docker run -p')[0]?.image, undefined);
  });
});

describe('any bytes', () => {
  test('random command-like text never throws and every offset stays inside the text', () => {
    const pieces = [
      'docker',
      ' run',
      ' -p',
      ' 80:80',
      ' -dit',
      ' --name=',
      '"',
      "'",
      '\\',
      '\n',
      '\\\n',
      ';',
      ' && ',
      '|',
      '$(',
      '${X}',
      ' sh -c ',
      '[Service]\n',
      'ExecStart=',
      '-@',
      ' --',
      '=',
      ':',
      '[::]',
      ' img',
      '\r\n',
      '#',
      '\u0000',
      '\ud800',
    ];
    let seed = 42;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      let text = '';
      for (let k = next(30); k > 0; k--) text += pieces[next(pieces.length)];
      for (const syntax of ['unit', 'shell'] as const) {
        for (const run of findRunCommands(text, syntax)) {
          for (const s of [run, ...run.flags, ...run.publications])
            assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, JSON.stringify(text));
          for (const p of run.publications)
            if (p.bindEdit) assert.ok(p.bindEdit.start <= p.bindEdit.end && p.bindEdit.end <= text.length);
        }
      }
      const unitFile = parseUnit(text);
      for (const f of dockerFindings(unitFile, { text, region: undefined, siblings: [] })) {
        assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, JSON.stringify(text));
      }
      for (let o = 0; o <= text.length; o += 3) {
        const c = completeRunFlag(text, o);
        if (c) assert.ok(c.replaceStart >= 0 && c.replaceStart <= o, JSON.stringify(text));
        const h = hoverRunCommand(text, o);
        if (h) assert.ok(h.start <= o && o <= h.end, JSON.stringify(text));
      }
    }
  });
});

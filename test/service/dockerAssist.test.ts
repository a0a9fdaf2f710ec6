import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { completeRunFlag, hoverRunCommand } from '../../server/src/service/docker/runAssist';
import { caret, completeAt, hoverAt } from '../helpers/service';

/** Completion at `|^|`: labels and the text from the replace start to the caret. */
function complete(withCaret: string): { labels: string[]; replaced: string } | undefined {
  const { text, offset } = caret(withCaret);
  const r = completeRunFlag(text, offset);
  return r ? { labels: r.items.map((i) => String(i.label)), replaced: text.slice(r.replaceStart, offset) } : undefined;
}

function hover(withCaret: string): { markdown: string; covers: string } | undefined {
  const { text, offset } = caret(withCaret);
  const h = hoverRunCommand(text, offset);
  return h ? { markdown: h.markdown, covers: text.slice(h.start, h.end) } : undefined;
}

const exec = (line: string): string => `[Service]\nExecStart=${line}\n`;

describe('completion of docker run options', () => {
  test('after `docker run `: the options, long and short, with summaries', () => {
    const { text, offset } = caret(exec('/usr/bin/docker run |^|'));
    const r = completeRunFlag(text, offset);
    assert.ok(r);
    const labels = r.items.map((i) => i.label);
    for (const l of [
      '--detach',
      '-d',
      '--rm',
      '--name',
      '--publish',
      '-p',
      '--network',
      '--restart',
      '--env-file',
      '--log-driver',
      '--health-cmd',
      '--gpus',
    ])
      assert.ok(labels.includes(l), l);
    assert.ok(!labels.includes('--replace'), 'podman-only options are not offered for docker');
    const detach = r.items.find((i) => i.label === '--detach');
    const doc = detach?.documentation;
    assert.match(typeof doc === 'string' ? doc : (doc?.value ?? ''), /ExecStart/);
    assert.equal(r.replaceStart, offset);
  });

  test('a partly typed option is replaced from its start; podman gets its own options', () => {
    assert.equal(complete(exec('/usr/bin/docker run --rm --na|^|'))?.replaced, '--na');
    assert.ok(complete(exec('/usr/bin/podman run |^|'))?.labels.includes('--replace'));
  });

  test('values of --restart, --network, --log-driver and --pull, also after `=`', () => {
    assert.deepEqual(complete(exec('/usr/bin/docker run --restart |^|'))?.labels, [
      'no',
      'on-failure',
      'always',
      'unless-stopped',
    ]);
    assert.deepEqual(complete(exec('/usr/bin/docker run --restart=al|^|')), {
      labels: ['no', 'on-failure', 'always', 'unless-stopped'],
      replaced: 'al',
    });
    assert.ok(complete(exec('/usr/bin/docker run --net |^|'))?.labels.includes('host'));
    assert.ok(complete(exec('/usr/bin/docker run --log-driver |^|'))?.labels.includes('journald'));
    assert.deepEqual(complete(exec('/usr/bin/docker run --pull |^|'))?.labels, ['missing', 'always', 'never']);
    assert.equal(complete(exec('/usr/bin/docker run --name |^|')), undefined);
  });

  test('on a continuation line and in shell text', () => {
    assert.ok(complete('[Service]\nExecStart=/usr/bin/docker run --rm \\\n  -|^|')?.labels.includes('--publish'));
    assert.ok(complete('apt-get update && docker run -|^|')?.labels.includes('--rm'));
  });

  test('nothing after the image, in another command, or outside docker run', () => {
    assert.equal(complete(exec('/usr/bin/docker run --rm nginx |^|')), undefined);
    assert.equal(complete(exec('/usr/bin/docker run --rm ngi|^|')), undefined);
    assert.equal(complete('docker run --rm nginx; echo |^|'), undefined);
    assert.equal(complete(exec('/usr/bin/docker pull |^|')), undefined);
    assert.equal(complete(exec('/usr/bin/echo |^|')), undefined);
  });

  test('through the systemd language service, items carry their replace range', () => {
    const { labels, list } = completeAt(exec('/usr/bin/docker run --rm --res|^|'), {}, 'systemd');
    assert.ok(labels.includes('--restart'));
    const item = list.items.find((i) => i.label === '--restart');
    const edit = item?.textEdit;
    assert.ok(edit && 'range' in edit);
    assert.equal(edit.range.start.character, 'ExecStart=/usr/bin/docker run --rm '.length);
  });
});

describe('hover in docker run command lines', () => {
  test('a -p mapping: host address and port, container port, and the INPUT-chain bypass', () => {
    const h = hover(exec('/usr/bin/docker run -p 0.0.0.0:8|^|0:5000 --name lookup example/lookup'));
    assert.equal(h?.covers, '0.0.0.0:80:5000');
    assert.match(h!.markdown, /host port 80/);
    assert.match(h!.markdown, /container port 5000\/tcp/);
    assert.match(h!.markdown, /INPUT/);
    assert.match(h!.markdown, /DOCKER-USER/);
  });

  test('a loopback mapping is explained as local only; a random host port is named as such', () => {
    const h = hover(exec('/usr/bin/docker run -p 127.0.0.1::50|^|00/udp x'));
    assert.match(h!.markdown, /this machine only/);
    assert.match(h!.markdown, /picks/);
    assert.match(h!.markdown, /5000\/udp/);
    assert.doesNotMatch(h!.markdown, /Reachable from the network/);
  });

  test('--network host: the container ports are the host ports and INPUT rules do apply', () => {
    const h = hover(exec('/usr/bin/docker run --net=ho|^|st x'));
    assert.match(h!.markdown, /INPUT-chain firewall rules do apply/);
  });

  test('an option: summary and the systemd pitfall; a letter of a bundle; a value with its meaning', () => {
    const d = hover(exec('/usr/bin/docker run -|^|d x'));
    assert.equal(d?.covers, '-d');
    assert.match(d!.markdown, /--detach/);
    assert.match(d!.markdown, /Pitfall/);
    const letter = hover(exec('/usr/bin/docker run -it|^|d x'));
    assert.equal(letter?.covers, '-itd');
    assert.match(letter!.markdown, /--detach/);
    const restart = hover(exec('/usr/bin/docker run --restart=alw|^|ays x'));
    assert.equal(restart?.covers, 'always');
    assert.match(restart!.markdown, /Restart=/);
  });

  test('the image: registry, repository and tag', () => {
    const h = hover(exec('/usr/bin/docker run --rm quay.io/coreos/et|^|cd:v3.5 x'));
    assert.equal(h?.covers, 'quay.io/coreos/etcd:v3.5');
    assert.match(h!.markdown, /quay\.io/);
    assert.match(h!.markdown, /v3\.5/);
    assert.match(hover(exec('/usr/bin/docker run --rm ngi|^|nx'))!.markdown, /latest/);
  });

  test('nothing outside the command, and nothing on the container arguments', () => {
    assert.equal(hover('[Ser|^|vice]\nExecStart=/usr/bin/docker run x\n'), undefined);
    assert.equal(hover(exec('/usr/bin/docker run --rm alpine ec|^|ho hi')), undefined);
  });

  test('through the systemd language service', () => {
    const h = hoverAt(exec('/usr/bin/docker run --rm -p 80:5|^|000 nginx'), {}, 'systemd');
    assert.equal(h.rangeText, '80:5000');
    assert.match(h.markdown ?? '', /every interface/);
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findRunCommands } from '../../server/src/service/docker/findRunCommands';
import { diagnose, messageOf, spans, withCode } from '../helpers/service';
import { publishedOnEveryInterface } from '../../server/src/service/docker/portPublication';
import type { PortPublication } from '../../server/src/service/docker/runModel';

/** The one publication of `ExecStart=/usr/bin/docker run OPTIONS img`, and the unit text. */
function publication(options: string): { pub: PortPublication; text: string } {
  const text = `[Service]\nExecStart=/usr/bin/docker run ${options} img\n`;
  const runs = findRunCommands(text);
  assert.equal(runs.length, 1);
  const pubs = runs[0]!.publications;
  assert.equal(pubs.length, 1, `publications of ${options}`);
  return { pub: pubs[0]!, text };
}

/** The command line after the "bind to 127.0.0.1" edit, or undefined when there is none. */
function bound(options: string): string | undefined {
  const { pub, text } = publication(options);
  if (!pub.bindEdit) return undefined;
  const fixed = text.slice(0, pub.bindEdit.start) + pub.bindEdit.newText + text.slice(pub.bindEdit.end);
  return /docker run (.*) img/.exec(fixed)?.[1];
}

function fields(
  options: string,
): [string | undefined, string | undefined, string | undefined, string, boolean, boolean] {
  const { pub } = publication(options);
  return [pub.hostIp, pub.hostPort, pub.containerPort, pub.protocol, pub.loopbackOnly, publishedOnEveryInterface(pub)];
}

describe('-p forms, split the way Docker splits them', () => {
  // [hostIp, hostPort, containerPort, protocol, loopbackOnly, on every interface]
  const cases: Array<[string, ReturnType<typeof fields>, string | undefined]> = [
    ['-p 80:5000', [undefined, '80', '5000', 'tcp', false, true], '-p 127.0.0.1:80:5000'],
    ['-p 0.0.0.0:80:5000', ['0.0.0.0', '80', '5000', 'tcp', false, true], '-p 127.0.0.1:80:5000'],
    ['-p 127.0.0.1:80:5000', ['127.0.0.1', '80', '5000', 'tcp', true, false], undefined],
    ['-p 127.0.0.1::5000', ['127.0.0.1', undefined, '5000', 'tcp', true, false], undefined],
    ['-p 127.0.1.1:80:80', ['127.0.1.1', '80', '80', 'tcp', true, false], undefined],
    ['-p [::]:80:80', ['::', '80', '80', 'tcp', false, true], '-p 127.0.0.1:80:80'],
    ['-p [::1]:80:80', ['::1', '80', '80', 'tcp', true, false], undefined],
    // Docker joins every part before the host port into the address, so unbracketed IPv6 works too.
    ['-p ::1:80:80', ['::1', '80', '80', 'tcp', true, false], undefined],
    ['-p :::80:80', ['::', '80', '80', 'tcp', false, true], '-p 127.0.0.1:80:80'],
    [
      '-p 8000-8010:8000-8010',
      [undefined, '8000-8010', '8000-8010', 'tcp', false, true],
      '-p 127.0.0.1:8000-8010:8000-8010',
    ],
    ['-p 53:53/udp', [undefined, '53', '53', 'udp', false, true], '-p 127.0.0.1:53:53/udp'],
    ['-p 80:80/tcp', [undefined, '80', '80', 'tcp', false, true], '-p 127.0.0.1:80:80/tcp'],
    ['-p 5000', [undefined, undefined, '5000', 'tcp', false, true], '-p 127.0.0.1::5000'],
    ['-p :5000', [undefined, undefined, '5000', 'tcp', false, true], '-p 127.0.0.1::5000'],
    ['-p 10.0.0.5:80:80', ['10.0.0.5', '80', '80', 'tcp', false, false], '-p 127.0.0.1:80:80'],
    ['--publish=8080:80', [undefined, '8080', '80', 'tcp', false, true], '--publish=127.0.0.1:8080:80'],
    ['-p8080:80', [undefined, '8080', '80', 'tcp', false, true], '-p127.0.0.1:8080:80'],
    ['-p "0.0.0.0:443:443"', ['0.0.0.0', '443', '443', 'tcp', false, true], '-p "127.0.0.1:443:443"'],
    [
      '--publish published=8080,target=80,protocol=udp',
      [undefined, '8080', '80', 'udp', false, true],
      '--publish 127.0.0.1:8080:80/udp',
    ],
  ];
  for (const [options, expected, afterBind] of cases) {
    test(options, () => {
      assert.deepEqual(fields(options), expected);
      assert.equal(bound(options), afterBind);
    });
  }

  test('the publication spans the flag and its value as written', () => {
    const { pub, text } = publication('--rm -p "0.0.0.0:443:443" --name x');
    assert.equal(text.slice(pub.start, pub.end), '-p "0.0.0.0:443:443"');
    assert.equal(pub.text, '-p "0.0.0.0:443:443"');
    assert.equal(pub.kind, 'publish');
  });
});

describe('publications without -p mappings', () => {
  test('-P publishes every exposed port on every interface, and cannot be bound', () => {
    const { pub, text } = publication('--rm -P');
    assert.deepEqual(
      [pub.kind, text.slice(pub.start, pub.end), pub.containerPort, pub.loopbackOnly, pub.bindEdit],
      ['publish-all', '-P', undefined, false, undefined],
    );
    assert.equal(publishedOnEveryInterface(pub), true);
  });

  test('--network host and --net=host put every container port on the host', () => {
    for (const options of ['--network host', '--net=host', '--network=host']) {
      const { pub, text } = publication(options);
      assert.deepEqual(
        [pub.kind, text.slice(pub.start, pub.end), pub.loopbackOnly],
        ['host-network', options, false],
        options,
      );
      // INPUT rules do apply to host networking: this is not Docker's NAT bypass.
      assert.equal(publishedOnEveryInterface(pub), false);
    }
  });

  test('other networks, `-P=false`, --expose and -p after the image publish nothing', () => {
    const text = '[Service]\nExecStart=/usr/bin/docker run --network bridge --expose 80 -P=false img -p 80:80\n';
    assert.deepEqual(findRunCommands(text)[0]!.publications, []);
  });

  test('a variable as the whole mapping is not guessed at', () => {
    const { pub } = publication('-p ${PORTS}');
    assert.deepEqual([pub.bindEdit, publishedOnEveryInterface(pub)], [undefined, false]);
  });
});

describe('publications in runcmd and bootcmd (cloud-config/no-firewall)', () => {
  const code = 'cloud-config/no-firewall';

  test('a shell line and an argument list each publish a port; ranges cover the mapping in the YAML', () => {
    const line =
      '#cloud-config\nruncmd:\n  - apt-get install -y docker.io && docker run -d --restart=always -p 8080:80 nginx\n';
    assert.deepEqual(spans(line, withCode(diagnose(line), code)), [`${code}: -p 8080:80`]);
    const list = '#cloud-config\nbootcmd:\n  - [docker, run, -d, -p, "0.0.0.0:443:443", nginx]\n';
    assert.deepEqual(spans(list, withCode(diagnose(list), code)), [`${code}: -p, "0.0.0.0:443:443"`]);
    assert.match(messageOf(withCode(diagnose(list), code)[0]!), /'-p "0\.0\.0\.0:443:443"'/);
  });

  test('a block-scalar script, loopback-only mappings and -p after the image', () => {
    const script =
      '#cloud-config\nruncmd:\n  - |\n    docker pull nginx\n    docker run -d \\\n      -p 127.0.0.1:8080:80 nginx\n    docker run --rm alpine nc -p 9000 -l\n';
    assert.deepEqual(withCode(diagnose(script), code), []);
    const open = script.replace('127.0.0.1:8080:80', '8080:80');
    assert.deepEqual(spans(open, withCode(diagnose(open), code)), [`${code}: -p 8080:80`]);
  });
});

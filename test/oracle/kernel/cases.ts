// The rules files the kernel oracle loads: the shared corpus (standalone and inside user-data), the
// iptables facts' cases, and generated rule sets.
import * as fs from 'fs';
import * as path from 'path';
import { parseCloudConfig } from '../../../server/src/service/cloudConfig/parse';
import { hostCommandsOf } from '../../../server/src/service/cloudConfig/hostCommands';
import { hostServices } from '../../../server/src/service/exposure/listeners';
import { familyOf } from '../../../server/src/service/iptables/family';
import { repoRoot, sharedDir } from '../../helpers/paths';
import { generatedCase } from './generate';
import type { OracleCase } from './oracle';

function fam(text: string, file: string, language?: 'iptables' | 'ip6tables'): 4 | 6 {
  return familyOf({ text, region: undefined, siblings: [], uri: `file:///${file}` }, language) === 'ipv4' ? 4 : 6;
}

export function corpusRulesCases(): OracleCase[] {
  const dir = path.join(sharedDir(), 'corpus', 'rules-save');
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      return { name: `corpus/rules-save/${f}`, family: fam(text, f), text };
    });
}

export function factsCases(): OracleCase[] {
  const dir = path.join(sharedDir(), 'facts', 'iptables-cases');
  const list = fs
    .readFileSync(path.join(dir, 'cases.list'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  return list.map((line) => {
    const [file = '', family = '4'] = line.split('\t');
    return {
      name: `facts/iptables-cases/${file}`,
      family: family.trim() === '6' ? 6 : 4,
      text: fs.readFileSync(path.join(dir, file), 'utf8'),
    } as OracleCase;
  });
}

/** Rules written by the corpus user-data, with the containers the same user-data publishes. */
export function corpusUserDataCases(): OracleCase[] {
  const dir = path.join(sharedDir(), 'corpus', 'cloud-config');
  const out: OracleCase[] = [];
  for (const f of fs.readdirSync(dir).sort()) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const model = parseCloudConfig(text, 'auto');
    const services = hostServices(model.regions, hostCommandsOf(model.root, model.dialect));
    for (const region of model.regions) {
      if ((region.language !== 'iptables' && region.language !== 'ip6tables') || region.encoded) continue;
      const family =
        familyOf({ text: region.text, region, siblings: model.regions }, region.language) === 'ipv4' ? 4 : 6;
      const pubs =
        family === 4
          ? services.publications.map(({ protocol, hostPort, containerPort, hostIp }) => ({
              protocol,
              hostPort,
              containerPort,
              ...(hostIp ? { hostIp } : {}),
            }))
          : [];
      out.push({
        name: `corpus/cloud-config/${f}:${region.path ?? region.name ?? 'rules'}`,
        family,
        text: region.text,
        ...(pubs.length ? { publications: pubs } : {}),
      });
    }
  }
  return out;
}

export function generatedCases(count: number, firstSeed = 1): OracleCase[] {
  return Array.from({ length: count }, (_, i) => generatedCase(firstSeed + i));
}

/**
 * Hand-written rule sets for what the other cases rarely hold (test/oracle/kernel/scenarios): the
 * answer to an untracked first packet, an ACK conntrack picks up mid-stream, `-m addrtype` on the
 * host's own address. `NAME.v4.rules` / `NAME.v6.rules`.
 */
export function scenarioCases(): OracleCase[] {
  const dir = path.join(repoRoot(), 'test', 'oracle', 'kernel', 'scenarios');
  return fs
    .readdirSync(dir)
    .filter((f) => /\.v[46]\.rules$/.test(f))
    .sort()
    .map((f) => ({
      name: `scenarios/${f}`,
      family: f.endsWith('.v6.rules') ? 6 : 4,
      text: fs.readFileSync(path.join(dir, f), 'utf8'),
    }));
}

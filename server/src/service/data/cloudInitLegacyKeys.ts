/**
 * Top-level keys of older cloud-init formats that cloud-init 22.4 still reads by converting them at
 * run time (cc_apt_configure.py `convert_v2_to_v3_apt_format`, cc_rsyslog.py `load_config`). They work,
 * so they are deprecated, never "unknown": each names the key that replaces it.
 */
import { any, bool, str, strList, type KeySpec, type KeyTable } from './keySpec';

const APT_V3 = 'cloud-init converts it to the `apt:` format at boot (and ignores it when `apt:` is also given)';

function aptLegacy(successor: string, type: KeySpec['type'], doc: string, extra = ''): KeySpec {
  return { type, doc, deprecated: `old apt format: ${APT_V3}; write \`${successor}\` instead.${extra}` };
}

export const cloudInitLegacyTopLevel: KeyTable = {
  apt_sources: aptLegacy(
    'apt: sources:',
    any,
    'Old form of apt.sources: extra apt sources (a list in the oldest format).',
  ),
  apt_mirror: aptLegacy('apt: primary: - arches: [default] uri: …', str, 'Old form of the primary mirror URI.'),
  apt_mirror_search: aptLegacy(
    'apt: primary: - arches: [default] search: […]',
    strList,
    'Old form of the mirror search list.',
  ),
  apt_mirror_search_dns: aptLegacy(
    'apt: primary: - arches: [default] search_dns: true',
    bool,
    'Old form of the DNS mirror search.',
  ),
  apt_proxy: aptLegacy('apt: proxy:', str, 'Old form of apt.proxy.'),
  apt_http_proxy: aptLegacy('apt: http_proxy:', str, 'Old form of apt.http_proxy.'),
  apt_ftp_proxy: aptLegacy(
    'apt: ftp_proxy:',
    str,
    'Old form of apt.ftp_proxy.',
    ' Beware: cloud-init 22.4 converts it to `https_proxy` (its conversion table swaps the two).',
  ),
  apt_https_proxy: aptLegacy(
    'apt: https_proxy:',
    str,
    'Old form of apt.https_proxy.',
    ' Beware: cloud-init 22.4 converts it to `ftp_proxy` (its conversion table swaps the two).',
  ),
  apt_preserve_sources_list: aptLegacy('apt: preserve_sources_list:', bool, 'Old form of apt.preserve_sources_list.'),
  apt_custom_sources_list: aptLegacy('apt: sources_list:', str, 'Old form of apt.sources_list.'),
  add_apt_repo_match: aptLegacy('apt: add_apt_repo_match:', str, 'Old form of apt.add_apt_repo_match.'),
  rsyslog_filename: {
    type: str,
    doc: 'Old form of rsyslog.config_filename, read only with the old list form of `rsyslog:`.',
    deprecated:
      'old rsyslog format: cloud-init reads it only when `rsyslog:` is a list; write `rsyslog: config_filename:` instead.',
  },
  rsyslog_dir: {
    type: str,
    doc: 'Old form of rsyslog.config_dir, read only with the old list form of `rsyslog:`.',
    deprecated:
      'old rsyslog format: cloud-init reads it only when `rsyslog:` is a list; write `rsyslog: config_dir:` instead.',
  },
};

// The AWS profiles a user can pick for the Clusters and Catalog views, read from the shared
// config and credentials files the SDK itself reads (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE,
// else ~/.aws/config and ~/.aws/credentials). Only names and non-secret settings are returned.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface AwsProfileInfo {
  name: string;
  region?: string;
  /** Signs in through IAM Identity Center (`sso_session` or `sso_start_url`). */
  sso: boolean;
  /** Has an `endpoint_url` or a `services` section: a local or VPC endpoint (e.g. the sandbox). */
  customEndpoints: boolean;
  /** Where it is defined. */
  files: ('config' | 'credentials')[];
}

/** Sections of an INI file as name → key → value; sub-properties (`s3 =` + indented lines) and
 * comments are skipped. */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\uFEFF/, '');
    if (/^\s*([#;]|$)/.test(line)) continue;
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      const name = header[1].trim().replace(/\s+/g, ' ');
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      continue;
    }
    if (/^\s/.test(line) || !current) continue;
    const kv = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
    if (kv) current.set(kv[1].trim().toLowerCase(), kv[2].trim());
  }
  return sections;
}

async function readOptional(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return '';
  }
}

/** Profiles sorted by name (`default` first); an absent file just contributes nothing. */
export async function listAwsProfiles(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): Promise<AwsProfileInfo[]> {
  const configFile = env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config');
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials');
  const profiles = new Map<string, AwsProfileInfo>();
  const get = (name: string): AwsProfileInfo => {
    let p = profiles.get(name);
    if (!p) profiles.set(name, (p = { name, sso: false, customEndpoints: false, files: [] }));
    return p;
  };
  for (const [section, values] of parseIni(await readOptional(configFile))) {
    const m = /^(?:profile (.+)|(default))$/.exec(section);
    if (!m) continue; // sso-session, services, …
    const p = get((m[1] ?? m[2]).trim());
    p.files.push('config');
    const region = values.get('region');
    if (region) p.region = region;
    p.sso ||= values.has('sso_session') || values.has('sso_start_url');
    p.customEndpoints ||= values.has('endpoint_url') || values.has('services');
  }
  for (const [section] of parseIni(await readOptional(credentialsFile))) {
    const p = get(section);
    if (!p.files.includes('credentials')) p.files.push('credentials');
  }
  return [...profiles.values()].sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

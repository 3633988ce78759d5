// Reads the `dataWorkbench.aws.targets` setting (which AWS profiles and regions the Clusters and
// Catalog views show). A repository's settings can be hostile: only plain profile names and
// region codes pass; anything else is reported with its position and skipped.
import type { AwsTarget } from './awsTarget';

const PROFILE = /^[A-Za-z0-9_.@+=,:/-]{1,128}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export interface AwsTargetsSetting {
  /** At least one: an empty or absent setting means the SDK's default chain (profile and region from the environment). */
  targets: AwsTarget[];
  errors: string[];
}

export function parseAwsTargets(raw: unknown): AwsTargetsSetting {
  const errors: string[] = [];
  const targets: AwsTarget[] = [];
  if (raw !== undefined && raw !== null && !Array.isArray(raw))
    errors.push('dataWorkbench.aws.targets must be a list of {"profile", "region"} entries');
  const list = Array.isArray(raw) ? raw : [];
  const seen = new Set<string>();
  list.forEach((entry: unknown, i) => {
    const where = `dataWorkbench.aws.targets[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      errors.push(`${where}: expected an object like {"profile": "dev", "region": "eu-west-1"}`);
      return;
    }
    const { profile, region } = entry as Record<string, unknown>;
    const target: AwsTarget = {};
    if (profile !== undefined && profile !== '') {
      if (typeof profile !== 'string' || !PROFILE.test(profile)) {
        errors.push(`${where}.profile: not a profile name`);
        return;
      }
      target.profile = profile;
    }
    if (region !== undefined && region !== '') {
      if (typeof region !== 'string' || !REGION.test(region)) {
        errors.push(`${where}.region: not a region code such as eu-west-1`);
        return;
      }
      target.region = region;
    }
    const key = `${target.profile ?? ''}@${target.region ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    targets.push(target);
  });
  if (targets.length === 0) targets.push({});
  return { targets, errors };
}

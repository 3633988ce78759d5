// The extension's settings (package.json `contributes.configuration`), typed and with their
// defaults in one place. Every read, inspect and write of a `dataWorkbench.*` setting goes here.
import * as vscode from 'vscode';
import { DEFAULT_UNLOAD_OFFER_ROWS } from '../core/engines/redshiftData/unloadSql';
import { DEFAULT_PATTERNS } from '../core/playbook/recognize';
import type { Dialect, Target, WriteMode } from '../core/translate/api';

export const SETTINGS_SECTION = 'dataWorkbench';

/** Each setting under `dataWorkbench.` and the type of its value. */
export interface SettingTypes {
  /** Raw entries, validated by core/connections/model resolveConnections. */
  connections: unknown;
  defaultConnection: string | undefined;
  'results.memoryLimitMB': number;
  'results.pageSize': number | undefined;
  'redshift.unloadOfferRows': number;
  'translate.target': Target;
  'translate.writeMode': WriteMode;
  'translate.dialect': Dialect;
  'playbooks.playbookFilePatterns': string[];
  'playbooks.clusterFilePatterns': string[];
  /** Per file (workspace-relative path, or `*`): var name → value. */
  'playbooks.vars': Record<string, Record<string, string>>;
  'playbooks.secretVars': string[];
  /** Hosts that may get a password without TLS; machine scope, read from user settings only. */
  'security.plaintextPasswordHosts': unknown;
  'duckdb.memoryLimitMB': number;
  /** Raw run/event/SQL manifest entries, validated by core/manifests/settings parseManifestSettings. */
  manifests: unknown;
  'jobs.awsProfile': string;
  'jobs.region': string;
  'jobs.pysparkS3Prefix': string;
  'jobs.duplicateWindowMinutes': number;
  /** Raw entries, validated by core/clusters/targetsSetting parseAwsTargets. */
  'aws.targets': unknown;
  'catalog.showGlue': boolean;
}
export type SettingKey = keyof SettingTypes;

/** Used when the setting is absent (the package.json defaults normally apply first). */
const DEFAULTS: SettingTypes = {
  connections: undefined,
  defaultConnection: undefined,
  'results.memoryLimitMB': 2048,
  'results.pageSize': undefined,
  'redshift.unloadOfferRows': DEFAULT_UNLOAD_OFFER_ROWS,
  'translate.target': 'pyspark',
  'translate.writeMode': 'saveAsTable',
  'translate.dialect': 'redshift',
  'playbooks.playbookFilePatterns': DEFAULT_PATTERNS.playbook,
  'playbooks.clusterFilePatterns': DEFAULT_PATTERNS.cluster,
  'playbooks.vars': {},
  'playbooks.secretVars': [],
  'security.plaintextPasswordHosts': [],
  'duckdb.memoryLimitMB': 2048,
  manifests: undefined,
  'jobs.awsProfile': '',
  'jobs.region': '',
  'jobs.pysparkS3Prefix': '',
  'jobs.duplicateWindowMinutes': 60,
  'aws.targets': [],
  'catalog.showGlue': true,
};

function section(scope?: vscode.Uri): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
}

/** The value in effect; `scope` (a file) for resource-scoped settings such as `playbooks.*`. */
export function setting<K extends SettingKey>(key: K, scope?: vscode.Uri): SettingTypes[K] {
  return section(scope).get<SettingTypes[K]>(key, DEFAULTS[key]);
}

/** The full name, e.g. for "Open Settings" links and messages. */
export function settingId(key: SettingKey): string {
  return `${SETTINGS_SECTION}.${key}`;
}

export function affectsSetting(event: vscode.ConfigurationChangeEvent, key: SettingKey): boolean {
  return event.affectsConfiguration(settingId(key));
}

/** The value in each scope (user, workspace, folder), for writes that must not copy one scope into another. */
export function inspectSetting<K extends SettingKey>(
  key: K,
): { globalValue?: SettingTypes[K]; workspaceValue?: SettingTypes[K]; workspaceFolderValue?: SettingTypes[K] } | undefined {
  return section().inspect<SettingTypes[K]>(key);
}

export function updateSetting<K extends SettingKey>(key: K, value: SettingTypes[K], target: vscode.ConfigurationTarget): Thenable<void> {
  return section().update(key, value, target);
}

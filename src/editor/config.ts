// The extension's settings (package.json `contributes.configuration`), typed and with their
// defaults in one place. Every read, inspect and write of a `dataWorkbench.*` setting goes here.
import * as vscode from 'vscode';
import { DEFAULT_UNLOAD_OFFER_ROWS } from '../core/engines/redshiftData/unloadSql';
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
  'aws.targets': [],
  'catalog.showGlue': true,
};

function section(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION);
}

export function setting<K extends SettingKey>(key: K): SettingTypes[K] {
  return section().get<SettingTypes[K]>(key, DEFAULTS[key]);
}

/** The full name, e.g. for "Open Settings" links and messages. */
export function settingId(key: SettingKey): string {
  return `${SETTINGS_SECTION}.${key}`;
}

export function affectsSetting(event: vscode.ConfigurationChangeEvent, key: SettingKey): boolean {
  return event.affectsConfiguration(settingId(key));
}

/** The value in each scope (user, workspace, folder), for writes that must not copy one scope into another. */
export function inspectSetting<K extends SettingKey>(key: K): { globalValue?: SettingTypes[K]; workspaceValue?: SettingTypes[K]; workspaceFolderValue?: SettingTypes[K] } | undefined {
  return section().inspect<SettingTypes[K]>(key);
}

export function updateSetting<K extends SettingKey>(key: K, value: SettingTypes[K], target: vscode.ConfigurationTarget): Thenable<void> {
  return section().update(key, value, target);
}

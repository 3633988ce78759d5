// The playbook API other features use (editor glue, the CLI, job submission): parse and check
// playbook/cluster files into typed configs, render them exactly as Dataflow Runner does.
export {
  parseCluster,
  parsePlaybook,
  validateConfig,
  lineColumn,
  type ConfigDiagnostic,
  type Severity,
  type ValidateOptions,
  type ValidationResult,
} from './validate';
export { parseVarsFlag, renderPlaybook, renderTemplate, type RenderEnv, type RenderResult } from './render';
export { nodeRenderEnv } from './nodeEnv';
export { completionsAt, hoverAt, type CompletionModel, type HoverModel } from './assist';
export type { ClusterConfig, ConfigKind, PlaybookConfig, Step } from './model';

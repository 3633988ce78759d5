// What job submission's editor glue needs from the core, in one module: the build makes it its
// own bundle (dist/engines/jobs.js), loaded on the first submit or Step Monitor, so the EMR and S3
// SDK code it carries stays out of extension.js.
export { EmrJobs } from './emrJobs';
export { SubmissionLedger, inputFingerprint, submissionFingerprint } from './ledger';
export { StepMonitorModel } from './monitor';
export { prepareSubmission, usedVars } from './prepare';
export { SubmissionDeclined, submitToCluster, submitTransient } from './submit';
export { LocalRun } from './local';
export { scriptUri, splitArgs, pysparkStep, uploadScript } from './pyspark';
export { EmrExplorer } from '../clusters/emr';
export { nodeRenderEnv } from '../playbook/nodeEnv';

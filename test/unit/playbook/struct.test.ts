// The runner's decoding of a rendered file into its Go structs (goStruct.ts via renderPlaybook): the
// first value of the wrong type fails with Go's own message. Expectations are Go 1.19's output from
// go-reference/structs (encoding/json into the structs codegen makes), re-checked live when `go` is on PATH.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import type { ConfigKind } from '../../../src/core/playbook/model';
import { renderPlaybook, type RenderEnv } from '../../../src/core/playbook/render';

const CASES: { name: string; kind: ConfigKind; text: string; go: string }[] = [
  {
    name: 'a number where a string goes',
    kind: 'playbook',
    text: '{"schema":"x","data":{"region":1,"steps":[]}}',
    go: 'json: cannot unmarshal number into Go struct field PlaybookConfig.Region of type string',
  },
  {
    name: 'a number in a string array',
    kind: 'playbook',
    text: '{"data":{"steps":[{"name":"a","arguments":["x",2]}]}}',
    go: 'json: cannot unmarshal number into Go struct field StepsRecord.Steps.Arguments of type string',
  },
  {
    name: 'a string where a step goes',
    kind: 'playbook',
    text: '{"data":{"steps":["x"]}}',
    go: 'json: cannot unmarshal string into Go struct field PlaybookConfig.Steps of type main.StepsRecord',
  },
  {
    name: 'an object where the steps array goes',
    kind: 'playbook',
    text: '{"data":{"steps":{}}}',
    go: 'json: cannot unmarshal object into Go struct field PlaybookConfig.Steps of type []*main.StepsRecord',
  },
  {
    name: 'data is a string',
    kind: 'playbook',
    text: '{"data":"x"}',
    go: 'json: cannot unmarshal string into Go value of type main.PlaybookConfig',
  },
  {
    name: 'data is an array',
    kind: 'playbook',
    text: '{"data":[1]}',
    go: 'json: cannot unmarshal array into Go value of type main.PlaybookConfig',
  },
  {
    name: 'a string where a record goes',
    kind: 'playbook',
    text: '{"data":{"credentials":"env"}}',
    go: 'json: cannot unmarshal string into Go struct field PlaybookConfig.Credentials of type main.CredentialsRecord',
  },
  {
    name: 'the first error in sorted key order',
    kind: 'playbook',
    text: '{"data":{"tags":[{"key":true}], "region": 5}}',
    go: 'json: cannot unmarshal number into Go struct field PlaybookConfig.Region of type string',
  },
  {
    name: 'two keys for one field (any case)',
    kind: 'playbook',
    text: '{"data":{"Region":"a", "region": 5}}',
    go: 'json: cannot unmarshal number into Go struct field PlaybookConfig.Region of type string',
  },
  {
    name: 'a count as a string',
    kind: 'cluster',
    text: '{"data":{"ec2":{"instances":{"core":{"count":"1"}}}}}',
    go: 'json: cannot unmarshal string into Go struct field CoreRecord.Ec2.Instances.Core.Count of type int64',
  },
  {
    name: 'a count as a fraction',
    kind: 'cluster',
    text: '{"data":{"ec2":{"instances":{"core":{"count":1.5}}}}}',
    go: 'json: cannot unmarshal number 1.5 into Go struct field CoreRecord.Ec2.Instances.Core.Count of type int64',
  },
  {
    name: 'a count past 1e21',
    kind: 'cluster',
    text: '{"data":{"ec2":{"instances":{"core":{"count":1e21}}}}}',
    go: 'json: cannot unmarshal number 1e+21 into Go struct field CoreRecord.Ec2.Instances.Core.Count of type int64',
  },
  {
    name: 'a count past int64',
    kind: 'cluster',
    text: '{"data":{"ec2":{"instances":{"core":{"count":9223372036854775807}}}}}',
    go: 'json: cannot unmarshal number 9223372036854776000 into Go struct field CoreRecord.Ec2.Instances.Core.Count of type int64',
  },
  { name: 'a whole float is a count', kind: 'cluster', text: '{"data":{"ec2":{"instances":{"core":{"count":1.0}}}}}', go: '' },
  {
    name: 'a property value that is a number',
    kind: 'cluster',
    text: '{"data":{"configurations":[{"classification":"c","properties":{"a":1}}]}}',
    go: 'json: cannot unmarshal number into Go struct field ConfigurationRecord.Configurations.Properties of type string',
  },
  {
    name: 'a string where the vpc record goes',
    kind: 'cluster',
    text: '{"data":{"ec2":{"location":{"vpc":"subnet-1"}}}}',
    go: 'json: cannot unmarshal string into Go struct field LocationRecord.Ec2.Location.Vpc of type main.VPCRecord',
  },
  {
    name: 'a boolean as a string',
    kind: 'cluster',
    text: '{"data":{"ec2":{"instances":{"master":{"ebsConfiguration":{"ebsOptimized":"true"}}}}}}',
    go: 'json: cannot unmarshal string into Go struct field EbsConfigurationRecord.Ec2.Instances.Master.EbsConfiguration.EbsOptimized of type bool',
  },
  {
    name: 'iops as a string',
    kind: 'cluster',
    text: '{"data":{"ec2":{"instances":{"master":{"ebsConfiguration":{"ebsBlockDeviceConfigs":[{"volumeSpecification":{"iops":"5"}}]}}}}}}',
    go: 'json: cannot unmarshal string into Go struct field VolumeSpecificationRecord.Ec2.Instances.Master.EbsConfiguration.EbsBlockDeviceConfigs.VolumeSpecification.Iops of type int64',
  },
  {
    name: 'null is the zero value',
    kind: 'cluster',
    text: '{"data":{"tags":[{"key":"a","value":null}], "name": null, "bootstrapActionConfigs":[{"scriptBootstrapAction":{"args":[1]}}]}}',
    go: 'json: cannot unmarshal number into Go struct field ScriptBootstrapActionRecord.BootstrapActionConfigs.ScriptBootstrapAction.Args of type string',
  },
  {
    name: 'a number in the applications array',
    kind: 'cluster',
    text: '{"data":{"applications":[1], "ec2":{"keyName":[]}}}',
    go: 'json: cannot unmarshal number into Go struct field ClusterConfig.Applications of type string',
  },
  {
    name: 'a bid as a number, checked before count',
    kind: 'cluster',
    text: '{"data":{"ec2":{"instances":{"task":{"bid":0.5,"count":-1e-7}}}}}',
    go: 'json: cannot unmarshal number into Go struct field TaskRecord.Ec2.Instances.Task.Bid of type string',
  },
];

const env: RenderEnv = {
  now: () => 0,
  getenv: () => undefined,
  readFile: () => {
    throw new Error('no files');
  },
};

test("a rendered file whose values do not fit the runner's structs fails with Go's message", () => {
  for (const c of CASES) {
    const r = renderPlaybook(c.text, new Map(), env, 'playbook.json', c.kind);
    assert.equal(r.ok ? '' : r.error, c.go, c.name);
  }
});

test('without a kind, rendering checks the JSON only (as before)', () => {
  const r = renderPlaybook(CASES[0].text, new Map(), env, 'playbook.json');
  assert.equal(r.ok, true);
});

test("the expectations are Go's (when go is on PATH)", (t) => {
  if (spawnSync('go', ['version']).status !== 0) {
    t.skip('go is not on PATH');
    return;
  }
  const dir = path.join(__dirname, 'go-reference/structs');
  const r = spawnSync('go', ['run', 'main.go', 'structs.go'], {
    cwd: dir,
    input: JSON.stringify(CASES.map((c) => ({ kind: c.kind, text: c.text }))),
    encoding: 'utf8',
    env: { ...process.env, GO111MODULE: 'off', GOFLAGS: '' },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(
    JSON.parse(r.stdout),
    CASES.map((c) => c.go),
  );
});

// Parses an Azure Pipelines YAML file with the pinned `yaml` package (strict: duplicate keys and
// syntax errors fail) and checks what the README promises about the example: a container job on
// the newman-keyvault image, SYSTEM_ACCESSTOKEN mapped on the step that runs the tool, the service
// connection in its env (by name, NKV_SERVICE_CONNECTION, or by its three ids), and a
// PublishTestResults@2 task. There is no official schema to
// validate against offline, so this is a parse plus those checks.
// Usage: node .ci/check-azure-pipelines.mjs FILE...
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';

let failed = false;
function check(file, ok, message) {
  if (!ok) {
    console.error(`${file}: ${message}`);
    failed = true;
  }
}

for (const file of process.argv.slice(2)) {
  const document = parseDocument(readFileSync(file, 'utf8'), { uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) {
    document.errors.forEach((error) => console.error(`${file}: ${error.message}`));
    failed = true;
    continue;
  }
  const pipeline = document.toJS();
  const containers = pipeline?.resources?.containers ?? [];
  check(file, containers.some((c) => /newman-keyvault/.test(c.image ?? '')), 'no container resource on the newman-keyvault image');
  const jobs = pipeline?.jobs ?? [];
  check(file, jobs.length > 0, 'no jobs');
  let runJobs = 0;
  let publishers = 0;
  for (const job of jobs) {
    const name = job.job ?? '(unnamed job)';
    const steps = job.steps ?? [];
    const tool = steps.filter((s) => typeof s.script === 'string' && /newman-keyvault /.test(s.script));
    const runs = tool.filter((s) => /newman-keyvault run/.test(s.script));
    if (tool.length > 0) {
      check(file, containers.some((c) => c.container === job.container), `job ${name}: not a container job on a declared container`);
    }
    runJobs += runs.length > 0 ? 1 : 0;
    for (const step of runs) {
      const env = step.env ?? {};
      check(file, env.SYSTEM_ACCESSTOKEN === '$(System.AccessToken)', `job ${name}: SYSTEM_ACCESSTOKEN is not mapped to $(System.AccessToken) on the step`);
      const set = (variable) => typeof env[variable] === 'string' && env[variable] !== '';
      const ids = ['AZURESUBSCRIPTION_SERVICE_CONNECTION_ID', 'AZURESUBSCRIPTION_TENANT_ID', 'AZURESUBSCRIPTION_CLIENT_ID'];
      check(file, set('NKV_SERVICE_CONNECTION') || ids.every(set), `job ${name}: neither NKV_SERVICE_CONNECTION nor ${ids.join(', ')} set on the step`);
    }
    publishers += steps.some((s) => s.task === 'PublishTestResults@2') ? 1 : 0;
  }
  check(file, runJobs > 0, 'no job runs newman-keyvault run');
  // Each run job publishes its JUnit report, or one job publishes them all (a sharded run).
  check(file, publishers > 0, 'no PublishTestResults@2 task');
}
if (failed) {
  process.exit(1);
}
console.log(`Azure Pipelines YAML ok: ${process.argv.slice(2).join(' ')}`);

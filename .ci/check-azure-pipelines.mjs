// Parses an Azure Pipelines YAML file with the pinned `yaml` package (strict: duplicate keys and
// syntax errors fail) and checks what the README promises about the example: a container job on
// the newman-keyvault image, SYSTEM_ACCESSTOKEN mapped on the step that runs the tool, the service
// connection's ids in its env, and a PublishTestResults@2 task. There is no official schema to
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
  for (const job of jobs) {
    const name = job.job ?? '(unnamed job)';
    check(file, containers.some((c) => c.container === job.container), `job ${name}: not a container job on a declared container`);
    const steps = job.steps ?? [];
    const runs = steps.filter((s) => typeof s.script === 'string' && /newman-keyvault run/.test(s.script));
    check(file, runs.length > 0, `job ${name}: no step runs newman-keyvault`);
    for (const step of runs) {
      const env = step.env ?? {};
      check(file, env.SYSTEM_ACCESSTOKEN === '$(System.AccessToken)', `job ${name}: SYSTEM_ACCESSTOKEN is not mapped to $(System.AccessToken) on the step`);
      for (const variable of ['AZURESUBSCRIPTION_SERVICE_CONNECTION_ID', 'AZURESUBSCRIPTION_TENANT_ID', 'AZURESUBSCRIPTION_CLIENT_ID']) {
        check(file, typeof env[variable] === 'string' && env[variable] !== '', `job ${name}: ${variable} is not set on the step`);
      }
    }
    check(file, steps.some((s) => s.task === 'PublishTestResults@2'), `job ${name}: no PublishTestResults@2 task`);
  }
}
if (failed) {
  process.exit(1);
}
console.log(`Azure Pipelines YAML ok: ${process.argv.slice(2).join(' ')}`);

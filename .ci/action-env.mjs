// Prints the environment GitHub gives this repository's container action for some inputs, one
// NAME=VALUE per line, read from action.yml itself: INPUT_<NAME> for every input (upper-cased,
// hyphens kept, as the runner names them) and every runs.env entry with ${{ inputs.x }} replaced.
// Inputs not given take their action.yml default. .ci/image-check passes the result to podman run.
//   node .ci/action-env.mjs action.yml '{"collection":"collection.json", ...}'
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const [file, json] = process.argv.slice(2);
const action = parse(readFileSync(file, 'utf8'));
const given = JSON.parse(json || '{}');

for (const name of Object.keys(given)) {
  if (!(name in action.inputs)) throw new Error(`action.yml has no input '${name}'`);
}
const inputs = {};
for (const [name, spec] of Object.entries(action.inputs)) {
  inputs[name] = String(given[name] ?? spec.default ?? '');
}

const lines = [];
for (const [name, value] of Object.entries(inputs)) {
  lines.push([`INPUT_${name.toUpperCase()}`, value]);
}
for (const [variable, expression] of Object.entries(action.runs.env ?? {})) {
  const value = String(expression).replace(/\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}/g, (_, name) => {
    if (!(name in inputs)) throw new Error(`runs.env ${variable} names an unknown input '${name}'`);
    return inputs[name];
  });
  if (value.includes('${{')) throw new Error(`runs.env ${variable}: only inputs expressions are understood`);
  lines.push([variable, value]);
}
for (const [name, value] of lines) {
  // podman --env-file takes one line per variable.
  if (/[\r\n]/.test(value)) throw new Error(`${name}: a multi-line value cannot go through --env-file`);
  process.stdout.write(`${name}=${value}\n`);
}

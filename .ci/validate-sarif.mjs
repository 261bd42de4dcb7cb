#!/usr/bin/env node
// Validates SARIF files against the SARIF 2.1.0 JSON schema: `node .ci/validate-sarif.mjs FILE...`.
// The schema is the one @microsoft/jest-sarif ships (2.1.0-rtm.5, the text OASIS adopted as
// 2.1.0): no npm package ships the later draft-07 copy, and nothing may be fetched at run time.
// That copy is JSON Schema draft-04, hence Ajv's draft-04 class. Prints one line per file and
// exits 1 when one is invalid.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node .ci/validate-sarif.mjs FILE...');
  process.exit(2);
}
// unicodeRegExp: false because the schema's pattern for `language` has a stray ']' that only a
// non-unicode RegExp accepts (as the schema's authors' own validators do).
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);
let failed = false;
for (const file of files) {
  const log = JSON.parse(readFileSync(file, 'utf8'));
  if (log.version !== '2.1.0') {
    console.error(`${file}: version is not 2.1.0`);
    failed = true;
  } else if (validate(log)) {
    console.log(`sarif ok: ${file}`);
  } else {
    failed = true;
    for (const error of validate.errors) {
      console.error(`${file}: ${error.instancePath || '/'} ${error.message}`);
    }
  }
}
process.exit(failed ? 1 : 0);

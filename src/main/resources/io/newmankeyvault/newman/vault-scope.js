// newman-keyvault's preload for Newman (node --require): serves {{vault:NAME}} secrets the way the
// Postman app does, through postman-runtime's own vault scope (`vaultSecrets`, which Newman's CLI
// never passes): each secret resolves only in requests to its allowed domains, and no script can
// list it (the scope is not in any script's context). The secrets come from the named pipe in
// NKV_VAULT_PIPE, read once when the run starts. The variable stays: a wrapper (npx newman) that
// loads this too and starts Newman in a child process passes it on; the path is no secret.
'use strict';

const fs = require('fs');
const path = require('path');
const Module = require('module');

const pipe = process.env.NKV_VAULT_PIPE;

if (pipe) {
  const RUNNER = path.join('postman-runtime', 'lib', 'runner', 'index.js');
  const patched = new WeakSet();
  let scope; // { values: [{ key: 'vault:NAME', value, type: 'secret', _domains: [...] }] }

  const read = () => {
    if (scope === undefined) {
      scope = JSON.parse(fs.readFileSync(pipe, 'utf8'));
    }
    return scope;
  };

  const patch = (Runner, runnerFile) => {
    if (typeof Runner !== 'function' || !Runner.prototype || patched.has(Runner)) {
      return;
    }
    patched.add(Runner);
    let hasVaultScope = false;
    try {
      const util = require(path.join(path.dirname(runnerFile), 'util.js'));
      hasVaultScope = typeof util.prepareVaultVariableScope === 'function';
    } catch (e) {
      hasVaultScope = false;
    }
    const run = Runner.prototype.run;
    Runner.prototype.run = function (collection, options, callback) {
      const secrets = read();
      if (!hasVaultScope && secrets.values.length > 0) {
        process.stderr.write('newman-keyvault: this Newman\'s postman-runtime has no vault scope'
          + ' (7.39 or later has it): {{vault:NAME}} secrets cannot be kept to their domains; use'
          + ' Newman 6.2 or later\n');
        process.exit(5);
      }
      const given = options !== null && typeof options === 'object' ? options : {};
      return run.call(this, collection, Object.assign({}, given, { vaultSecrets: secrets }), callback);
    };
  };

  // Newman's library may be loaded already (newman-keyvault's warm start) or not yet.
  for (const file of Object.keys(require.cache)) {
    if (file.endsWith(RUNNER)) {
      patch(require.cache[file].exports, file);
    }
  }
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    const exports = load.apply(this, arguments);
    if (request === 'postman-runtime' && exports && exports.Runner) {
      const file = Object.keys(require.cache).find((f) => f.endsWith(RUNNER)
        && require.cache[f].exports === exports.Runner);
      patch(exports.Runner, file || '');
    }
    return exports;
  };
}

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
      const scoped = Object.assign({}, given, { vaultSecrets: { values: secrets.values } });
      return run.call(this, collection, scoped, function (err, started) {
        if (started && typeof started.start === 'function') {
          watch(started, secrets, runnerFile);
        }
        return callback.apply(this, arguments);
      });
    };
  };

  // Tells the tool, on stderr behind the run's own token (which no script knows), each request
  // that went out with a {{vault:NAME}} left unresolved because its URL is not among the secret's
  // allowed domains (matched as the runtime matches them).
  const watch = (started, secrets, runnerFile) => {
    const bound = secrets.values.filter((v) => Array.isArray(v._domains) && v._domains.length);
    if (!secrets.events || bound.length === 0) {
      return;
    }
    let sdk;
    try {
      sdk = Module.createRequire(runnerFile)('postman-collection');
    } catch (e) {
      return;
    }
    const patterns = new Map(bound.map((v) => [v.key, new sdk.UrlMatchPatternList(null,
      v._domains.map((domain) => {
        const url = new sdk.Url(domain);
        return `${url.protocol || 'https'}://${url.getRemote()}/*`;
      }))]));
    const told = new Set();
    const start = started.start;
    started.start = function (callbacks) {
      const given = callbacks !== null && typeof callbacks === 'object' ? callbacks : {};
      const before = given.beforeRequest;
      given.beforeRequest = function (err, cursor, request, item) {
        try {
          const text = JSON.stringify(request && request.toJSON ? request.toJSON() : request);
          const url = new sdk.Url(request.url.toString()).toString(true);
          const host = request.url.getRemote();
          for (const variable of bound) {
            const once = (item && item.id) + '\u0000' + variable.key + '\u0000' + host;
            if (text.includes('{{' + variable.key + '}}') && !patterns.get(variable.key).test(url)
                && !told.has(once)) {
              told.add(once);
              process.stderr.write(secrets.events + ' ' + JSON.stringify({
                withheld: variable.key, request: (item && item.name) || '', host: host
              }) + '\n');
            }
          }
        } catch (e) {
          // Telling is best effort; the request is what it is.
        }
        return typeof before === 'function' ? before.apply(this, arguments) : undefined;
      };
      return start.call(this, given);
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

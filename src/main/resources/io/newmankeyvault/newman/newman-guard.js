// newman-keyvault's guard inside Newman's own Node process. It is loaded before Newman's library
// (by NODE_OPTIONS --require, or as the warm start's bootstrap with `node -e`) and makes leaks
// impossible by construction rather than redacting them after the fact:
//
// - Newman writes files only into the tool's 0700 private directory: every export (each reporter's
//   file, the default newman/ directory, cookie jars, collections) is staged there under the path
//   Newman itself computed, and the tool scrubs, checks and only then publishes it. Any other write
//   outside the private directory is refused.
// - Newman's own option parsing and rc-file reading decide what it would do; an export of the
//   environment or the globals, or an environment other than the tool's, is refused before Newman
//   reads any input, whatever the spelling or the file it came from.
// - Newman dies with the tool: its stdin is a pipe from the tool, and when that closes (the tool
//   died, by any signal) it removes the private directory and kills itself at once.
// - Every request that leaves Newman (each redirect hop, pm.sendRequest, HTTP/1 and HTTP/2) is
//   searched for the secrets bound to allowed domains, in every form the tool's redactor knows, and
//   blocked before it is sent when it would carry one to a host outside the secret's domains.
// - {{vault:NAME}} secrets reach postman-runtime's own vault scope, which Newman's CLI never sets:
//   each resolves only in requests to its domains, and no script can list it.
//
// Configuration (paths and a random event token: no secret) comes from the file named by
// NKV_GUARD, or from the warm start's first line on stdin. Secrets come later, through the vault
// pipe, read when the run starts. Lines the guard tells the tool start with the event token on
// stderr; no script can know it.
'use strict';

const fs = require('fs');
const path = require('path');
const Module = require('module');

// The originals, captured before the guard patches them.
const original = {
  writeFileSync: fs.writeFileSync,
  appendFileSync: fs.appendFileSync,
  mkdirSync: fs.mkdirSync,
  rmSync: fs.rmSync,
  readFileSync: fs.readFileSync,
  openSync: fs.openSync,
  writeSync: fs.writeSync,
  closeSync: fs.closeSync,
  statSync: fs.statSync
};

let config; // { privateDir, staging, marker, environment, vault, results, reportsDir, events }
const hooked = { exportFile: false, config: false, rcFile: false };
let supervising = false;

const configure = (given) => {
  config = given;
};

const activeConfig = () => {
  if (config === undefined && process.env.NKV_GUARD) {
    try {
      config = JSON.parse(original.readFileSync(process.env.NKV_GUARD, 'utf8'));
    } catch (e) {
      config = null;
    }
  }
  return config || null;
};

const tell = (event) => {
  const active = activeConfig();
  if (active && active.events) {
    process.stderr.write(active.events + ' ' + JSON.stringify(event) + '\n');
  }
};

// Stops Newman before it reads any input: the tool turns the event into one line, exit 2 for what
// the user asked (kind 'usage'), 5 for a Newman it cannot supervise (kind 'newman').
const refuse = (message, kind) => {
  tell({ refused: message, kind: kind || 'usage' });
  process.exit(2);
};

const inside = (file, directory) => {
  const relative = path.relative(directory, path.resolve(file));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

// ---- Dying with the tool ------------------------------------------------------------------------

const dieWithTool = () => {
  const active = activeConfig();
  if (active && active.privateDir && path.basename(active.privateDir).startsWith('newman-keyvault-')) {
    try {
      original.rmSync(active.privateDir, { recursive: true, force: true });
    } catch (e) {
      // Gone already; nothing else to do before dying.
    }
  }
  process.kill(process.pid, 'SIGKILL');
};

let watchingStdin = false;
const watchStdin = (onEnd) => {
  if (watchingStdin) {
    return;
  }
  watchingStdin = true;
  process.stdin.on('end', onEnd);
  process.stdin.on('close', onEnd);
  process.stdin.on('error', onEnd);
  process.stdin.on('data', () => {});
  process.stdin.resume();
  // The watch must not keep Newman alive: it exits on its own when the run ends.
  process.stdin.unref();
};

// ---- Writes only into the private directory -----------------------------------------------------

let exportCount = 0;

// Newman's lib/run/export-file.js, with the path Newman computes kept and the bytes staged in the
// private directory; the tool publishes them there after scrubbing. Path rules as Newman 6.2's.
const timestamp = () => new Date().toISOString().replace(/[^\d]+/g, '-');
const stagingExportFile = (exportFile) => function (options, done) {
  const active = activeConfig();
  if (!active) {
    return exportFile.apply(this, arguments);
  }
  const content = isPlainObject(options.content)
    ? JSON.stringify(options.content, 0, 2) : (options.content || '');
  let target;
  if (typeof options.path === 'string') {
    target = path.resolve(options.path);
  } else if (typeof options.default === 'string') {
    const name = path.parse(options.default);
    target = path.resolve(active.reportsDir || 'newman', `${name.name}-${timestamp()}0${name.ext}`);
  }
  if (!target || !path.parse(target).base) {
    return done();
  }
  let stat;
  try {
    stat = original.statSync(target);
  } catch (e) {
    stat = null;
  }
  if (stat && stat.isDirectory()) {
    const name = path.parse(typeof options.default === 'string' ? options.default : '');
    target = path.join(target, `${name.name}-${timestamp()}0${name.ext}`);
  }
  try {
    exportCount += 1;
    const staged = path.join(active.staging, exportCount + '-' + path.basename(target));
    original.writeFileSync(staged, content, { mode: 0o600, flag: 'wx' });
    original.appendFileSync(path.join(active.staging, 'manifest.jsonl'),
      JSON.stringify({ staged: staged, target: target, name: options.name || '' }) + '\n',
      { mode: 0o600 });
  } catch (e) {
    return done(Object.assign(new Error(`could not stage the file for ${options.name || 'an export'}`),
      { help: 'newman-keyvault keeps every file Newman writes in its private directory first' }));
  }
  return done(null);
};

const isPlainObject = (value) => value !== null && typeof value === 'object'
  && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

const WRITE_FLAGS = /[wa+]/;
const O_WRITE = (fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT
  | fs.constants.O_TRUNC | fs.constants.O_APPEND);
const writes = (flags) => (typeof flags === 'number' ? (flags & O_WRITE) !== 0
  : typeof flags === 'string' && WRITE_FLAGS.test(flags));

// Anything else that would write outside the private directory (a reporter using fs itself) is
// refused with EACCES and told to the tool: it could not be scrubbed.
const guardFs = () => {
  const active = activeConfig();
  const check = (file, operation) => {
    let name = file;
    if (Buffer.isBuffer(file)) {
      name = file.toString();
    } else if (file instanceof URL) {
      name = file.protocol === 'file:' ? decodeURIComponent(file.pathname) : String(file);
    }
    if (typeof name !== 'string' || inside(name, active.privateDir)) {
      return null;
    }
    tell({ escaped: operation, path: path.resolve(name) });
    return Object.assign(new Error(`EACCES: newman-keyvault lets Newman write only through its`
      + ` exports (--reporter-*-export, --export-*), not by ${operation}`), { code: 'EACCES' });
  };
  // kind: how the function reports an error (a callback, a throw, a rejected promise); applies:
  // whether this call writes (fs.open only when its flags do).
  const guard = (object, name, files, kind, applies) => {
    const fn = object[name];
    if (typeof fn !== 'function') {
      return;
    }
    object[name] = function () {
      const args = arguments;
      let refused = null;
      if (!applies || applies(args)) {
        for (const index of files) {
          refused = refused || check(args[index], name);
        }
      }
      if (!refused) {
        return fn.apply(this, args);
      }
      const callback = args[args.length - 1];
      if (kind === 'async' && typeof callback === 'function') {
        process.nextTick(callback, refused);
        return undefined;
      }
      if (kind === 'promise') {
        return Promise.reject(refused);
      }
      throw refused;
    };
  };
  for (const [name, files] of [['writeFile', [0]], ['appendFile', [0]], ['copyFile', [1]],
    ['cp', [1]], ['rename', [0, 1]], ['mkdir', [0]], ['rm', [0]], ['rmdir', [0]], ['unlink', [0]],
    ['symlink', [1]], ['link', [1]], ['truncate', [0]], ['mkdtemp', [0]]]) {
    guard(fs, name, files, 'async');
    guard(fs, name + 'Sync', files, 'sync');
    guard(fs.promises, name, files, 'promise');
  }
  const opensForWriting = (args) => writes(args[1]);
  guard(fs, 'open', [0], 'async', opensForWriting);
  guard(fs, 'openSync', [0], 'sync', opensForWriting);
  guard(fs.promises, 'open', [0], 'promise', opensForWriting);
  guard(fs, 'createWriteStream', [0], 'sync');
};

// ---- Newman's own options -----------------------------------------------------------------------

const RC_FILES = '/etc/postman/newmanrc, ~/.postman/newmanrc or ./.newmanrc';

// What Newman would do, as its own parser and rc-file reader decided; a reason to refuse, or null.
const problem = (merged, overrides) => {
  const active = activeConfig();
  const from = (key) => (overrides && overrides[key] !== undefined && overrides[key] !== null
    ? 'after \'--\'' : 'in a Newman rc file (' + RC_FILES + ')');
  for (const [key, option] of [['exportEnvironment', '--export-environment'],
    ['exportGlobals', '--export-globals']]) {
    if (merged[key]) {
      return `Newman's ${option}, given ${from(key)}, would write every secret to a file in clear`
        + ' text; it is refused: remove it (reports go through --reports-dir and are redacted)';
    }
  }
  if (merged.environment !== active.environment) {
    return `an environment given to Newman ${from('environment')} would replace the hydrated one:`
      + ' pass it with newman-keyvault\'s --environment instead';
  }
  if (active.globals && merged.globals !== active.globals) {
    return `globals given to Newman ${from('globals')} would replace those of newman-keyvault's`
      + ' --globals: pass one of them';
  }
  return null;
};

// Wraps lib/config/index.js's get: Newman merges its rc files and the command line, then loads
// every input. The guard asks for the merged options first (no loaders: nothing is read), checks
// them, and only then lets Newman load the environment. The rc files are read once (see rcFile).
const checkingConfig = (config) => {
  const get = config.get;
  config.get = function (overrides, options, callback) {
    if (!activeConfig() || !options || options.command !== 'run' || typeof callback !== 'function') {
      return get.apply(this, arguments);
    }
    return get.call(this, overrides, Object.assign({}, options, { loaders: {} }), (err, merged) => {
      if (err) {
        return callback(err);
      }
      if (!supervising) {
        return refuse('this Newman\'s layout is not one newman-keyvault can supervise (its run was'
          + ' not seen): use Newman 6', 'newman');
      }
      const reason = problem(merged || {}, overrides);
      if (reason) {
        return refuse(reason);
      }
      try {
        original.writeFileSync(activeConfig().marker, '', { mode: 0o600, flag: 'wx' });
      } catch (e) {
        return refuse('could not confirm the guard to newman-keyvault (the private directory is'
          + ' not writable)', 'newman');
      }
      return get.call(this, overrides, options, callback);
    });
  };
  return config;
};

// The rc files are read once, so the check and the run see the same bytes.
const readOnceRcFile = (rcFile) => {
  const load = rcFile.load;
  let loaded;
  rcFile.load = function (callback) {
    if (loaded !== undefined) {
      return callback(null, JSON.parse(loaded));
    }
    return load.call(this, (err, options) => {
      if (err) {
        return callback(err);
      }
      loaded = JSON.stringify(options === undefined ? {} : options);
      return callback(null, JSON.parse(loaded));
    });
  };
  return rcFile;
};

// Wraps lib/index.js's run: supervision starts with the run, and the run's totals and failures go
// to the tool's results pipe for its CI summary.
const supervisedRun = (newman) => {
  const run = newman.run;
  newman.run = function () {
    const active = activeConfig();
    if (!active) {
      return run.apply(this, arguments);
    }
    if (!hooked.exportFile || !hooked.config || !hooked.rcFile) {
      return refuse('this Newman\'s layout is not one newman-keyvault can supervise (its export'
        + ' and configuration modules were not seen): use Newman 6', 'newman');
    }
    if (!supervising) {
      supervising = true;
      watchStdin(dieWithTool);
      guardFs();
    }
    const emitter = run.apply(this, arguments);
    if (active.results && emitter && typeof emitter.on === 'function') {
      emitter.on('done', (err, summary) => writeResults(active.results, summary));
    }
    return emitter;
  };
  return newman;
};

const writeResults = (pipe, summary) => {
  const run = (summary && summary.run) || {};
  const named = (item) => (item && typeof item.name === 'string' ? item.name : '');
  const results = {
    run: {
      stats: run.stats || {},
      failures: (run.failures || []).map((failure) => ({
        error: {
          name: (failure.error && failure.error.name) || '',
          test: (failure.error && failure.error.test) || '',
          message: (failure.error && failure.error.message) || ''
        },
        source: { name: named(failure.source) },
        // A request at the top level has the collection as its parent, which has no parent of its
        // own (and info, in the JSON reporter's report).
        parent: Object.assign({ name: named(failure.parent) },
          failure.parent && typeof failure.parent.parent === 'function'
            && !failure.parent.parent() ? { info: {} } : {})
      }))
    }
  };
  try {
    const fd = original.openSync(pipe, 'w');
    try {
      original.writeSync(fd, JSON.stringify(results));
    } finally {
      original.closeSync(fd);
    }
  } catch (e) {
    // The summary is a courtesy; the run's outcome does not depend on it.
  }
};

// ---- The vault scope and the egress check -------------------------------------------------------

let secrets; // { values: [{ key: 'vault:NAME', value, type, _domains }], policy, scriptAccess }
let rules = []; // [{ secret, domains, patterns, forms: [Buffer] }]: the secrets bound to domains
let readable = new Set(); // the NAMEs of the {{vault:NAME}} secrets scripts may use through pm.vault
let sdk;
let currentRequest = '';

const readSecrets = () => {
  if (secrets === undefined) {
    const active = activeConfig();
    secrets = JSON.parse(original.readFileSync(active.vault, 'utf8'));
    const policy = Array.isArray(secrets.policy) ? secrets.policy : [];
    rules = policy.map((rule) => ({
      secret: rule.secret,
      domains: rule.domains,
      patterns: sdk ? patternList(rule.domains) : null,
      forms: rule.forms.map((form) => Buffer.from(form, 'utf8')).filter((form) => form.length > 0),
      // Host names lose their case (URL parsing, DNS): they are searched for in lower case.
      hostForms: rule.forms.map((form) => Buffer.from(form.toLowerCase(), 'utf8'))
        .filter((form) => form.length > 0)
    }));
    readable = new Set(Array.isArray(secrets.scriptAccess) ? secrets.scriptAccess : []);
    delete secrets.policy;
    delete secrets.scriptAccess;
  }
  return secrets;
};

// The domains as postman-runtime matches a vault secret's _domains.
const patternList = (domains) => new sdk.UrlMatchPatternList(null, domains.map((domain) => {
  const url = new sdk.Url(domain);
  return `${url.protocol || 'https'}://${url.getRemote()}/*`;
}));

const foreignRules = (url) => rules.filter((rule) => {
  try {
    return !rule.patterns.test(url);
  } catch (e) {
    return true;
  }
});

// Basic credentials are base64 of user:password: a short password leaves too few base64
// characters of its own to search for, so what follows 'Basic ' is decoded and searched too.
const BASIC = /Basic\s+([A-Za-z0-9+/=_-]{4,})/gi;
const withDecodedBasic = (bytes) => {
  const text = bytes.toString('latin1');
  const decoded = [];
  for (const match of text.matchAll(BASIC)) {
    decoded.push(Buffer.from(match[1], 'base64'));
  }
  return decoded.length === 0 ? bytes : Buffer.concat([bytes, Buffer.from('\n')].concat(decoded));
};

const carried = (rulesToCheck, given, inHostName) => {
  const bytes = inHostName ? given : withDecodedBasic(given);
  for (const rule of rulesToCheck) {
    for (const form of inHostName ? rule.hostForms : rule.forms) {
      if (bytes.indexOf(form) !== -1) {
        return rule;
      }
    }
  }
  return null;
};

const blocked = (rule, host) => {
  tell({ blocked: rule.secret, request: currentRequest, host: host });
  return Object.assign(new Error(`newman-keyvault blocked this request to ${host}: it carried`
    + ` secret '${rule.secret}', which may be sent only to ${rule.domains.join(', ')}`),
  { code: 'ENKVBLOCKED' });
};

const headerBytes = (headers) => {
  const lines = [];
  for (const name of Object.keys(headers || {})) {
    const value = headers[name];
    for (const one of Array.isArray(value) ? value : [value]) {
      lines.push(name + ': ' + String(one));
    }
  }
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
};

const toBuffer = (chunk, encoding) => {
  if (chunk === undefined || chunk === null || typeof chunk === 'function') {
    return Buffer.alloc(0);
  }
  if (Buffer.isBuffer(chunk)) {
    return chunk;
  }
  if (chunk instanceof Uint8Array) {
    return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  return Buffer.from(String(chunk), typeof encoding === 'string' ? encoding : 'utf8');
};

const targets = new WeakMap(); // ClientRequest -> { protocol, host, port }

const destination = (request) => {
  const target = targets.get(request);
  if (!target) {
    return null;
  }
  let url;
  if (/^https?:\/\//i.test(request.path || '')) {
    url = request.path; // absolute form: a plain HTTP proxy forwards it to that host
  } else {
    const host = target.host.includes(':') ? `[${target.host}]` : target.host;
    url = `${target.protocol}//${host}:${target.port}${request.path || '/'}`;
  }
  try {
    const parsed = new URL(url);
    return { url: parsed.href, host: parsed.host };
  } catch (e) {
    return null;
  }
};

// HTTP/1: requests are recorded with their real destination when made, and held until end() when
// a bound secret may not go there; then searched, and sent or destroyed.
const guardHttp = () => {
  const http = require('http');
  const https = require('https');
  for (const [module, protocol] of [[http, 'http:'], [https, 'https:']]) {
    const request = module.request;
    module.request = function () {
      const req = request.apply(this, arguments);
      let options = {};
      for (const arg of arguments) {
        if (typeof arg === 'string' || arg instanceof URL) {
          const url = new URL(String(arg));
          options = { protocol: url.protocol, host: url.hostname, port: url.port };
        } else if (arg && typeof arg === 'object') {
          options = Object.assign({}, options, arg);
        }
      }
      const agent = options.agent && typeof options.agent === 'object' ? options.agent : null;
      const port = options.port || options.defaultPort || (agent && agent.defaultPort)
        || (protocol === 'https:' ? 443 : 80);
      targets.set(req, {
        protocol: req.protocol || protocol,
        host: String(req.host || options.hostname || options.host || 'localhost')
          .replace(/^\[|\]$/g, ''),
        port: String(port)
      });
      return req;
    };
    module.get = function () {
      const req = module.request.apply(this, arguments);
      req.end();
      return req;
    };
  }
  const prototype = http.ClientRequest.prototype;
  const write = prototype.write;
  const end = prototype.end;
  const flushHeaders = prototype.flushHeaders;
  const HELD = Symbol('newman-keyvault held');
  const hold = (req) => {
    if (req[HELD] !== undefined) {
      return req[HELD];
    }
    const where = destination(req);
    const relevant = rules.length === 0 ? [] : where ? foreignRules(where.url) : rules;
    req[HELD] = relevant.length === 0 ? null : { relevant, where, chunks: [] };
    return req[HELD];
  };
  prototype.flushHeaders = function () {
    return hold(this) ? undefined : flushHeaders.apply(this, arguments);
  };
  prototype.write = function (chunk, encoding, callback) {
    const held = hold(this);
    if (!held) {
      return write.apply(this, arguments);
    }
    held.chunks.push({ chunk, encoding, callback });
    return true;
  };
  prototype.end = function (chunk, encoding, callback) {
    const held = hold(this);
    if (!held || held.done) {
      return end.apply(this, arguments);
    }
    held.done = true;
    if (typeof chunk === 'function') {
      callback = chunk;
      chunk = undefined;
    } else if (typeof encoding === 'function') {
      callback = encoding;
      encoding = undefined;
    }
    const body = held.chunks.map((c) => toBuffer(c.chunk, c.encoding))
      .concat([toBuffer(chunk, encoding)]);
    const text = Buffer.concat([Buffer.from((this.method || 'GET') + ' ' + (this.path || '') + '\r\n'),
      headerBytes(this.getHeaders())].concat(body));
    const rule = carried(held.relevant, text);
    if (rule) {
      this.destroy(blocked(rule, held.where ? held.where.host : String(this.host)));
      return this;
    }
    for (const c of held.chunks) {
      write.call(this, c.chunk, c.encoding, c.callback);
    }
    return end.call(this, chunk, encoding, callback);
  };
};

// Every connection, whatever opens it (an HTTP agent, TLS, HTTP/2, a proxy tunnel): a host name
// that carries a bound secret would send it in the DNS query and the TLS server name before any
// request exists, so such a connect is refused before the lookup.
const guardNet = () => {
  const net = require('net');
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function () {
    const first = arguments[0];
    let host;
    let port;
    if (Array.isArray(first)) {
      host = first[0] && first[0].host; // normalized arguments, as Node passes them internally
      port = first[0] && first[0].port;
    } else if (first !== null && typeof first === 'object') {
      host = first.path ? undefined : first.host;
      port = first.port;
    } else if (typeof arguments[1] === 'string') {
      host = arguments[1];
      port = first;
    }
    if (rules.length > 0 && typeof host === 'string' && host !== '') {
      const name = host.includes(':') ? `[${host}]` : host;
      const remote = name + (port ? ':' + port : '');
      const relevant = rules.filter((rule) => {
        try {
          return !rule.patterns.test(`http://${remote}/`) && !rule.patterns.test(`https://${remote}/`);
        } catch (e) {
          return true;
        }
      });
      const rule = carried(relevant, Buffer.from(host.toLowerCase(), 'utf8'), true);
      if (rule) {
        // The host name is the secret's carrier: it is named by what it is, never shown.
        const error = blocked(rule, 'a host name that carries the secret');
        process.nextTick(() => this.destroy(error));
        return this;
      }
    }
    return connect.apply(this, arguments);
  };
};

// HTTP/2 (a request's protocolProfileBehavior may ask for it): headers are searched before the
// stream is opened, the body before it ends.
const guardHttp2 = () => {
  const http2 = require('http2');
  const connect = http2.connect;
  const origins = new WeakMap();
  let patched = false;
  http2.connect = function (authority) {
    const session = connect.apply(this, arguments);
    try {
      origins.set(session, new URL(String(authority)).origin);
    } catch (e) {
      // Unknown origin: every bound secret is searched for.
    }
    if (!patched) {
      patched = true;
      const prototype = Object.getPrototypeOf(session);
      const request = prototype.request;
      prototype.request = function (headers, options) {
        const origin = origins.get(this);
        const where = origin ? new URL((headers && headers[':path']) || '/', origin) : null;
        const relevant = rules.length === 0 ? [] : where ? foreignRules(where.href) : rules;
        if (relevant.length === 0) {
          return request.apply(this, arguments);
        }
        const host = where ? where.host : String(headers && headers[':authority']);
        const rule = carried(relevant, headerBytes(headers));
        if (rule) {
          return refusedStream(blocked(rule, host));
        }
        const stream = request.apply(this, arguments);
        if (options && options.endStream) {
          return stream;
        }
        const streamWrite = stream.write;
        const streamEnd = stream.end;
        const chunks = [];
        stream.write = function (chunk, encoding, callback) {
          chunks.push({ chunk, encoding, callback });
          return true;
        };
        stream.end = function (chunk, encoding, callback) {
          if (typeof chunk === 'function') {
            callback = chunk;
            chunk = undefined;
          } else if (typeof encoding === 'function') {
            callback = encoding;
            encoding = undefined;
          }
          const body = Buffer.concat(chunks.map((c) => toBuffer(c.chunk, c.encoding))
            .concat([toBuffer(chunk, encoding)]));
          const found = carried(relevant, body);
          if (found) {
            stream.destroy(blocked(found, host));
            return stream;
          }
          for (const c of chunks) {
            streamWrite.call(stream, c.chunk, c.encoding, c.callback);
          }
          return streamEnd.call(stream, chunk, encoding, callback);
        };
        return stream;
      };
    }
    return session;
  };
};

const refusedStream = (error) => {
  const { Duplex } = require('stream');
  const stream = new Duplex({ read () {}, write (chunk, encoding, callback) { callback(); } });
  stream.close = () => stream.destroy();
  process.nextTick(() => stream.destroy(error));
  return stream;
};

// postman-runtime's Runner gets the vault scope Newman's CLI never passes, and its callbacks are
// watched to name requests in events and to tell a {{vault:NAME}} withheld from a foreign host.
const scopedRunner = (runtime, runnerFile) => {
  const Runner = runtime && runtime.Runner;
  if (typeof Runner !== 'function' || !Runner.prototype || Runner.prototype.run.nkvScoped) {
    return runtime;
  }
  let hasVaultScope = false;
  try {
    const util = require(path.join(path.dirname(runnerFile), 'util.js'));
    hasVaultScope = typeof util.prepareVaultVariableScope === 'function';
  } catch (e) {
    hasVaultScope = false;
  }
  let hasPmVault = false; // postman-runtime 7.41 and later give scripts pm.vault
  try {
    const text = original.readFileSync(
      path.join(path.dirname(runnerFile), 'extensions', 'event.command.js'), 'utf8');
    hasPmVault = text.includes('execution.vault.');
  } catch (e) {
    hasPmVault = false;
  }
  const run = Runner.prototype.run;
  Runner.prototype.run = function (collection, options, callback) {
    if (!activeConfig()) {
      return run.apply(this, arguments);
    }
    if (!sdk) {
      try {
        sdk = Module.createRequire(runnerFile)('postman-collection');
      } catch (e) {
        sdk = null; // without it no domain can be matched: refused below if one is needed
      }
    }
    const scope = readSecrets();
    if (!sdk && (rules.length > 0 || scope.values.some((v) => Array.isArray(v._domains)))) {
      refuse('this Newman\'s postman-runtime has no postman-collection beside it: allowed domains'
        + ' cannot be matched; use Newman 6.2 or later', 'newman');
    }
    if (!hasVaultScope && scope.values.length > 0) {
      refuse('this Newman\'s postman-runtime has no vault scope (7.39 or later has it):'
        + ' {{vault:NAME}} secrets cannot be kept to their domains; use Newman 6.2 or later',
      'newman');
    }
    if (!hasPmVault && readable.size > 0) {
      refuse('--script-access needs pm.vault, which this Newman\'s postman-runtime does not have'
        + ' (7.41 or later has it): use the Newman newman-keyvault ships (see its README)', 'newman');
    }
    const given = options !== null && typeof options === 'object' ? options : {};
    const secure = secureGlobals(given.globals);
    if (secure.length > 0 && !activeConfig().globals) {
      refuse(`global variable '${secure[0]}' is a Postman vault secret that Newman would send`
        + ' empty: pass the globals file with newman-keyvault\'s --globals (before \'--\')'
        + ' instead of Newman\'s -g, and the tool reads it from Key Vault');
    }
    const scoped = Object.assign({}, given, {
      vaultSecrets: sdk ? vaultScope(scope.values) : { values: scope.values }
    });
    return run.call(this, collection, scoped, function (err, started) {
      if (started && typeof started.start === 'function') {
        watch(started, scope);
      }
      return callback.apply(this, arguments);
    });
  };
  Runner.prototype.run.nkvScoped = true;
  return runtime;
};

// The keys of the Postman v12 secure variables in Newman's globals (a secret chosen in Postman's
// vault: an empty value and a source), which only the tool's --globals resolves.
const secureGlobals = (globals) => {
  const keys = [];
  const values = globals && globals.values;
  if (values && typeof values.each === 'function') {
    values.each((variable) => {
      const source = variable && variable.source;
      if (source && source.provider === 'postman' && !variable.disabled) {
        keys.push(variable.key);
      }
    });
  }
  return keys;
};

// The vault scope as postman-runtime's pm.vault uses it (7.41 and later): pm.vault.get(NAME) reads
// vault:NAME. Scripts reach only the secrets the user allowed (--script-access, or the tag
// script-access=true); for the others get, set and unset do nothing and return nothing, as for a
// secret the vault does not hold, and the tool warns. With no secret allowed, pm.vault is denied
// as a whole, as in Postman when scripts have no vault access.
const vaultScope = (values) => {
  const scope = prepared(new sdk.VariableScope({ values: values, prefix: 'vault:' }));
  const secretNames = new Set(values.map((variable) => variable.key.slice('vault:'.length)));
  scope._ = Object.assign({}, scope._, {
    allowScriptAccess: async () => {
      if (readable.size === 0) {
        tellOnce({ scriptDenied: '', request: currentRequest });
      }
      return readable.size > 0;
    }
  });
  for (const command of ['get', 'set', 'unset']) {
    const real = scope[command];
    scope[command] = function (name, ...rest) {
      const key = String(name); // checked and used as the same string
      if (!secretNames.has(key) || readable.has(key)) {
        return real.call(this, key, ...rest);
      }
      tellOnce({ scriptDenied: key, request: currentRequest });
      return undefined;
    };
  }
  return scope;
};

// The scope prepared as postman-runtime 7.39's prepareVaultVariableScope does it, with the
// patterns of the egress check: 7.56's own turns a domain with a port into a pattern that never
// matches (it appends ':*' to host:port), and the runtime keeps a scope already prepared.
const prepared = (scope) => {
  scope.values.each((variable) => {
    const domains = variable && variable._ && variable._.domains;
    if (Array.isArray(domains) && domains.length) {
      scope.__hasDomainPatterns = true;
      variable._.domainPatterns = patternList(domains);
    }
  });
  scope.__getMatchingVariables = function (urlString) {
    if (!scope.__hasDomainPatterns) {
      return scope.values;
    }
    const matching = scope.values.filter((variable) => {
      const patterns = variable && variable._ && variable._.domainPatterns;
      return !patterns || patterns.test(urlString);
    });
    return new sdk.VariableList(null, matching.map((variable) => variable.toJSON()));
  };
  scope.__vaultVariableScope = true;
  return scope;
};

const toldOnce = new Set();
const tellOnce = (event) => {
  const key = JSON.stringify(event);
  if (!toldOnce.has(key)) {
    toldOnce.add(key);
    tell(event);
  }
};

const watch = (started, scope) => {
  const bound = scope.values.filter((v) => Array.isArray(v._domains) && v._domains.length);
  const patterns = new Map(bound.map((v) => [v.key, patternList(v._domains)]));
  const told = new Set();
  const start = started.start;
  started.start = function (callbacks) {
    const given = callbacks !== null && typeof callbacks === 'object' ? callbacks : {};
    const before = given.beforeItem;
    given.beforeItem = function (err, cursor, item) {
      currentRequest = (item && item.name) || '';
      return typeof before === 'function' ? before.apply(this, arguments) : undefined;
    };
    // A script's result carries the whole vault scope when the script used pm.vault (for the
    // Postman app to save what it set); no reporter is to see it.
    const script = given.script;
    given.script = function (err, cursor, result) {
      if (result && typeof result === 'object') {
        delete result.vaultSecrets;
      }
      return typeof script === 'function' ? script.apply(this, arguments) : undefined;
    };
    const beforeRequest = given.beforeRequest;
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
            tell({ withheld: variable.key, request: (item && item.name) || '', host: host });
          }
        }
      } catch (e) {
        // Telling is best effort; the request is what it is.
      }
      return typeof beforeRequest === 'function' ? beforeRequest.apply(this, arguments) : undefined;
    };
    return start.call(this, given);
  };
};

// ---- Finding Newman's modules as they load ------------------------------------------------------

const newmanRoots = new Map();
const isNewman = (root) => {
  if (!newmanRoots.has(root)) {
    let name = '';
    try {
      name = JSON.parse(original.readFileSync(path.join(root, 'package.json'), 'utf8')).name;
    } catch (e) {
      name = '';
    }
    newmanRoots.set(root, name === 'newman');
  }
  return newmanRoots.get(root);
};

const NEWMAN_MODULES = [
  [path.join('lib', 'run', 'export-file.js'), (exports) => {
    hooked.exportFile = true;
    return stagingExportFile(exports);
  }],
  [path.join('lib', 'config', 'index.js'), (exports) => {
    hooked.config = true;
    return checkingConfig(exports);
  }],
  [path.join('lib', 'config', 'rc-file.js'), (exports) => {
    hooked.rcFile = true;
    return readOnceRcFile(exports);
  }],
  [path.join('lib', 'index.js'), supervisedRun]
];
const RUNTIME = path.join('postman-runtime', 'index.js');

const adapted = new Map(); // filename -> adapted exports
const adapt = (filename, exports) => {
  if (adapted.has(filename)) {
    return adapted.get(filename);
  }
  let result = exports;
  for (const [suffix, adapter] of NEWMAN_MODULES) {
    if (filename.endsWith(path.sep + suffix)
        && isNewman(filename.slice(0, filename.length - suffix.length - 1))) {
      result = adapter(exports);
    }
  }
  if (filename.endsWith(path.sep + RUNTIME)) {
    result = scopedRunner(exports, path.join(path.dirname(filename), 'lib', 'runner', 'index.js'));
  }
  adapted.set(filename, result);
  if (result !== exports && require.cache[filename]) {
    require.cache[filename].exports = result;
  }
  return result;
};

const load = Module._load;
Module._load = function (request, parent, isMain) {
  const exports = load.apply(this, arguments);
  if (typeof request !== 'string' || !/export-file|config|rc-file|lib|index|postman-runtime|newman|^\.\.?\/?$/
    .test(request)) {
    return exports;
  }
  let filename;
  try {
    filename = Module._resolveFilename(request, parent, isMain);
  } catch (e) {
    return exports;
  }
  return adapt(filename, exports);
};

guardNet();
guardHttp();
guardHttp2();

// ---- The warm start -----------------------------------------------------------------------------

// `node -e <this file> <newman.js>`: loads Newman's library now, then waits for one line on stdin
// ({argv, config}) and runs newman.js as main with it. Stdin stays open: its end is the tool's.
if (module.id === '[eval]') {
  const bin = process.argv[1];
  require(path.join(path.dirname(bin), '..'));
  let input = '';
  let started = false;
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    if (started) {
      return; // nothing more is sent: the tool only closes its end
    }
    input += chunk;
    const newline = input.indexOf('\n');
    if (newline < 0) {
      return;
    }
    started = true;
    const start = JSON.parse(input.slice(0, newline));
    input = '';
    configure(start.config);
    // From now on the watch must not keep Newman alive: it exits on its own when the run ends.
    process.stdin.unref();
    process.argv = [process.argv[0], bin].concat(start.argv);
    Module.runMain();
  });
  watchingStdin = true;
  const onEnd = () => (started ? dieWithTool() : process.exit(0));
  process.stdin.on('end', onEnd);
  process.stdin.on('close', onEnd);
}

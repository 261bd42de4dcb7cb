#!/usr/bin/env node
// Runs the same collections under two Newman installs and compares what users see: from the JSON
// report the exit code, run.stats, and per execution the item name, response code (or request
// error), each assertion (name, pass/fail/skipped, message) and run.failures; and the CLI
// reporter's text (console output included) with durations and sizes blanked. Timings, ids, dates
// and bodies are ignored.
//
//   node bench/runtime-compare.js STOCK_NEWMAN_BIN OVERRIDDEN_NEWMAN_BIN CORPUS_DIR...
//   e.g. node bench/runtime-compare.js /tmp/stock/node_modules/.bin/newman \
//          /tmp/ovr/node_modules/.bin/newman ../shared/corpora/newman-integration test-fixtures/parity
//
// A corpus is one of: a folder with SOURCES.tsv (realworld: rows of kind "c", paired environment);
// a folder of case folders holding collection.json (this project's parity cases: environment.json
// or baseline-environment.json, newman-args with {case}, baseUrl = test-fixtures/demo/echo-server.js);
// otherwise Newman's test/integration layout (NAME.postman_collection.json with optional
// NAME.postman_{environment,globals,data,config}.*; run options from the config's "run").
// Every Newman runs alone (one at a time) with HTTP(S)_PROXY set to a local catch-all proxy that
// answers every request with status 200 and a postman-echo-like JSON echo (args, data, files, form,
// headers, json, method, url); CONNECT is answered by terminating TLS with a throw-away
// self-signed certificate (made with openssl), hence --insecure; a request Node cannot parse (say
// CONNECT {{host}}:443) gets 400. NO_PROXY=127.0.0.1 (the parity cases' echo server).
// A case whose results differ is run once more under both installs: if either install disagrees
// with itself, the difference is marked "unstable" (randomness or timing), else "stable".
// Printed differences are redacted (see redactor); the files in RC_OUT are not.
// Env: RC_OUT=DIR keeps the reports (default: a temp dir), RC_ONLY=REGEX picks cases by name,
// RC_KILL_MS (default 300000) kills a Newman that runs longer (a case killed under both installs is
// reported, not compared). Exit code 1 if any case differs.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const https = require('https');
const { spawn, execFileSync } = require('child_process');

const [stockBin, ovrBin, ...corpora] = process.argv.slice(2).map((a) => path.resolve(a));
if (!ovrBin || !corpora.length) {
  console.error('usage: node bench/runtime-compare.js STOCK_NEWMAN_BIN OVERRIDDEN_NEWMAN_BIN CORPUS_DIR...');
  process.exit(2);
}
const OUT = process.env.RC_OUT || fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-compare-'));
const ONLY = process.env.RC_ONLY ? new RegExp(process.env.RC_ONLY) : null;
const KILL_MS = Number(process.env.RC_KILL_MS || 300000);
fs.mkdirSync(OUT, { recursive: true });

// ---- the catch-all proxy ------------------------------------------------------------------------
function echo(req, res, url) {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks), text = body.toString('utf8');
    const ct = String(req.headers['content-type'] || '');
    let u; try { u = new URL(url); } catch (e) { u = new URL('http://invalid/'); }
    const out = { args: Object.fromEntries(u.searchParams), data: text, files: {}, form: {},
      headers: req.headers, json: null, method: req.method, url };
    if (/json/i.test(ct)) { try { out.json = out.data = JSON.parse(text); } catch (e) { /* not JSON */ } }
    if (/x-www-form-urlencoded/i.test(ct)) { out.form = Object.fromEntries(new URLSearchParams(text)); out.data = ''; }
    const b = /multipart\/form-data.*boundary="?([^";]+)"?/i.exec(ct);
    if (b) {
      out.data = '';
      for (const part of body.toString('latin1').split('--' + b[1])) {
        const m = /name="([^"]*)"(?:; filename="([^"]*)")?[^]*?\r\n\r\n([^]*)\r\n$/.exec(part);
        if (m && m[2] !== undefined) out.files[m[2]] = 'data:application/octet-stream;base64,' + Buffer.from(m[3], 'latin1').toString('base64');
        else if (m) out.form[m[1]] = Buffer.from(m[3], 'latin1').toString('utf8');
      }
    }
    res.sendDate = false;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(out));
  });
}
function startProxy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-tls-'));
  const key = path.join(dir, 'key.pem'), cert = path.join(dir, 'cert.pem');
  let tls = null;
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
      '-days', '2', '-subj', '/CN=runtime-compare'], { stdio: 'ignore' });
    tls = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) },
      (req, res) => echo(req, res, 'https://' + (req.headers.host || 'unknown') + req.url));
    tls.on('tlsClientError', () => {});
  } catch (e) { console.error('openssl failed: CONNECT is answered with 502 for every https request'); }
  fs.rmSync(dir, { recursive: true, force: true });
  const proxy = http.createServer((req, res) => echo(req, res, req.url));
  proxy.on('connect', (req, socket, head) => {
    socket.on('error', () => {});
    if (!tls) return socket.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n');
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head && head.length) socket.unshift(head);
    tls.emit('connection', socket);
  });
  proxy.on('clientError', (err, socket) => socket.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n'));
  return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve(proxy)));
}

// The project's echo server, for the parity cases.
let echoServer = null;
async function echoUrl() {
  if (!echoServer) {
    const script = path.join(__dirname, '..', 'test-fixtures', 'demo', 'echo-server.js');
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(String(d).trim())));
    echoServer = { child, url: 'http://127.0.0.1:' + port };
  }
  return echoServer.url;
}

// ---- finding the cases --------------------------------------------------------------------------
function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
async function discover(corpus) {
  const cases = [];
  if (fs.existsSync(path.join(corpus, 'SOURCES.tsv'))) { // realworld
    const rows = fs.readFileSync(path.join(corpus, 'SOURCES.tsv'), 'utf8').trim().split('\n').slice(1);
    for (const row of rows) {
      const [folder, file, kind, , , , , env] = row.split('\t');
      if (kind !== 'c') continue;
      cases.push({ name: folder + '/' + file, collection: path.join(corpus, folder, file),
        env: env && env !== '-' ? path.join(corpus, env) : null, args: ['--working-dir', path.join(corpus, folder)] });
    }
    return cases;
  }
  const dirs = fs.readdirSync(corpus).filter((d) => fs.existsSync(path.join(corpus, d, 'collection.json'))).sort();
  if (dirs.length) { // the parity cases
    const baseUrl = await echoUrl();
    for (const d of dirs) {
      const dir = path.join(corpus, d), has = (f) => fs.existsSync(path.join(dir, f));
      const args = has('newman-args') ? fs.readFileSync(path.join(dir, 'newman-args'), 'utf8').split('\n')
        .filter(Boolean).map((l) => l.replace('{case}', dir)) : [];
      cases.push({ name: d, collection: path.join(dir, 'collection.json'),
        env: has('baseline-environment.json') ? path.join(dir, 'baseline-environment.json')
          : has('environment.json') ? path.join(dir, 'environment.json') : null,
        args: [...args, '--env-var', 'baseUrl=' + baseUrl] });
    }
    return cases;
  }
  // Newman's test/integration: collections refer to files as test/integration/..., so the working
  // directory is a temp folder where test/integration is this corpus.
  const wd = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-wd-'));
  fs.mkdirSync(path.join(wd, 'test'));
  fs.symlinkSync(path.resolve(corpus), path.join(wd, 'test', 'integration'));
  const suites = {};
  for (const f of walk(corpus)) {
    const m = /(.+)\.postman_([^.]+)(\.skip)?\.([^.]{3,})$/i.exec(f);
    if (m && !m[3]) (suites[m[1]] = suites[m[1]] || {})[m[2]] = f;
  }
  for (const [base, s] of Object.entries(suites).sort()) {
    if (!s.collection) continue;
    const args = ['--working-dir', wd];
    if (s.globals) args.push('-g', s.globals);
    if (s.data) args.push('-d', s.data);
    const run = s.config ? JSON.parse(fs.readFileSync(s.config, 'utf8')).run || {} : {};
    for (const [k, v] of Object.entries(run)) {
      const flag = '--' + k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
      if (v === true) args.push(flag); else if (v !== false) args.push(flag, String(v));
    }
    cases.push({ name: path.relative(corpus, base), collection: s.collection, env: s.environment || null, args });
  }
  return cases;
}

// ---- running and summarising --------------------------------------------------------------------
function runNewman(bin, c, report, proxyUrl) {
  fs.rmSync(report, { force: true });
  const args = ['run', c.collection, ...(c.env ? ['-e', c.env] : []), '-r', 'cli,json', '--reporter-json-export', report, '--color', 'off',
    '--timeout-request', '5000', '--insecure', ...c.args];
  const env = { ...process.env, HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl, http_proxy: proxyUrl,
    https_proxy: proxyUrl, NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1' };
  return new Promise((resolve) => {
    const child = spawn(bin, args, { cwd: os.tmpdir(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
    const timer = setTimeout(() => child.kill('SIGKILL'), KILL_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let json = null;
      try { json = JSON.parse(fs.readFileSync(report, 'utf8')); } catch (e) { /* no report */ }
      resolve({ code, signal, stdout, stderr, json });
    });
  });
}
// The CLI reporter's text (and stderr), less colours, durations, sizes (they follow the echoed
// request headers), process ids, install paths, and the padding that their lengths change.
const cliLines = (r) => (r.stdout + (r.stderr ? '\n[stderr]\n' + r.stderr : '')).replace(/\x1b\[[0-9;]*m/g, '')
  .replace(/\b\d+(\.\d+)?(ms|µs|s|m)\b/g, 'T').replace(/T( T)+/g, 'T')
  .replace(/\d+(\.\d+)?(B|kB|MB)\b/g, 'SIZE').replace(/\(node:\d+\)/g, '(node:PID)').replace(/[^\s(]*\/node_modules\//g, '…/node_modules/')
  .replace(/[ ─]{2,}/g, ' ').split('\n');
function summarise(r) {
  const lines = [`exit ${r.signal ? 'killed by ' + r.signal : r.code}`], cli = cliLines(r), killed = Boolean(r.signal);
  if (!r.json) {
    const out = (r.stdout + r.stderr).trim();
    lines.push('no report: ' + (out.split('\n').filter((l) => /error/i.test(l))[0] || out.slice(-200)));
    return { lines, cli, requests: 0, assertions: 0, noReport: true, killed };
  }
  const run = r.json.run;
  let requests = 0, assertions = 0;
  for (const [k, v] of Object.entries(run.stats)) lines.push(`stats ${k} ${v.total}/${v.pending}/${v.failed}`);
  for (const e of run.executions) {
    requests++;
    const err = e.requestError;
    lines.push(`request ${e.item.name} -> ${e.response ? e.response.code : 'ERROR ' + (err ? err.code || err.message : 'no response')}`);
    for (const a of e.assertions || []) {
      assertions++;
      lines.push(`  ${a.skipped ? 'skip' : a.error ? 'FAIL' : 'ok  '} ${a.assertion}${a.error ? ' :: ' + a.error.message : ''}`);
    }
  }
  for (const f of run.failures) {
    lines.push(`failure ${f.source && f.source.name} [${f.at}] ${f.error.name}: ${f.error.test || ''} ${f.error.message}`);
  }
  return { lines, cli, requests, assertions, killed };
}
// The lines between the common head and the common tail of a and b, from each side (at most 25).
function diff(what, a, b) {
  let i = 0, j = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  if (i === a.length && i === b.length) return [];
  const side = (x) => x.slice(i, x.length - j).slice(0, 25).map((l) => '      ' + l).join('\n') + (x.length - j - i > 25 ? `\n      ... ${x.length - j - i - 25} more` : '');
  return [`  ${what} from line ${i}:\n    stock:\n${side(a)}\n    ovr:\n${side(b)}`];
}
const diffs = (x, y) => [...diff('results', x.lines, y.lines), ...diff('CLI output', x.cli, y.cli)];
const same = (a, b) => diffs(a, b).length === 0;
// Causes found for differences seen between Newman 6.2.2's postman-runtime 7.39.1 and 7.56.1.
// An entry with "only" applies when every differing result line matches it.
const KNOWN = [
  [/^stats (scripts|testScripts|prerequestScripts) /, 'whitespace-only scripts are no longer run nor counted (postman-runtime 7.41.0, GH-1437)', 'only'],
  [/runtime:extensions~request: request url is empty/, 'the empty-URL error message lost its "extensions~request" prefix'],
  [/Unknown object type "asyncfunction"/, 'stock Newman crashes serialising the error of a refused proxy CONNECT; 7.56.1 reports the proxy\'s answer (postman-runtime 7.51.0, GH-1537)'],
  [/\[test-script:\d+:\d+\] AssertionFailure/, "--bail's AssertionFailure location is a line in postman-runtime's own source, which moved"],
  [/is deprecated/, 'deprecation warnings of the sandbox changed (postman-sandbox 5.1.0 GH-1018, 6.0.0 GH-1049/GH-1050)'],
  [/^ inside "/, 'the failure table names the folder and item of request errors (postman-runtime 7.43.1)'],
  [/PostmanRuntime\/7\./, 'the User-Agent header carries the runtime version (seen where a script prints an echoed request)'],
];
const matching = (x, re) => x.lines.concat(x.cli).filter((l) => re.test(l)).join('\n');
const hints = (s, o) => KNOWN.filter(([re, , only]) => (only ? s.lines.length === o.lines.length && matching(s, re) !== matching(o, re) &&
  s.lines.every((l, i) => l === o.lines[i] || (re.test(l) && re.test(o.lines[i]))) : matching(s, re) !== matching(o, re)))
  .map(([, note]) => '  known cause: ' + note);
// What is printed is redacted: the case's environment values of 8 characters or more, URL user
// info and query strings, and token-like strings: 24+ characters mixing digits, lower and upper
// case, or 32+ hex digits (the realworld corpus holds real secrets).
function redactor(c) {
  const values = [];
  try {
    const j = c.env ? JSON.parse(fs.readFileSync(c.env, 'utf8').replace(/^\uFEFF/, '')) : [];
    for (const v of Array.isArray(j) ? j : j.values || []) if (v && String(v.value || '').length >= 8) values.push(String(v.value));
  } catch (e) { /* not UTF-8 JSON: nothing to add */ }
  return (text) => values.reduce((t, v) => t.split(v).join('[env value]'), text)
    .replace(/(\w+:\/\/)[^\s/@]+@/g, '$1[userinfo]@').replace(/\?[^\s\]'"]+/g, '?[query]')
    .replace(/(?=[\w+/-]*\d)(?=[\w+/-]*[a-z])(?=[\w+/-]*[A-Z])[\w+/-]{24,}={0,2}|\b[0-9a-fA-F]{32,}\b/g, '[token]');
}

// ---- main ---------------------------------------------------------------------------------------
(async () => {
  const started = Date.now();
  const proxy = await startProxy();
  const proxyUrl = 'http://127.0.0.1:' + proxy.address().port;
  const table = [], differences = [];
  for (const corpus of corpora) {
    const t0 = Date.now();
    const row = { corpus, cases: 0, same: 0, stable: 0, cliOnly: 0, unstable: 0, killed: 0, noReport: 0, requests: 0, assertions: 0, ovrRequests: 0, ovrAssertions: 0 };
    const cases = (await discover(corpus)).filter((c) => !ONLY || ONLY.test(c.name));
    for (const [i, c] of cases.entries()) {
      const base = path.join(OUT, path.basename(path.resolve(corpus)) + '-' + c.name.replace(/[^\w.-]+/g, '_'));
      const run = async (bin, tag) => summarise(await runNewman(bin, c, `${base}.${tag}.json`, proxyUrl));
      const s = await run(stockBin, 'stock'), o = await run(ovrBin, 'ovr');
      row.cases++; row.noReport += s.noReport ? 1 : 0; row.requests += s.requests; row.assertions += s.assertions;
      row.ovrRequests += o.requests; row.ovrAssertions += o.assertions;
      let verdict = 'same';
      if (same(s, o)) row.same++;
      else if (s.killed && o.killed) { // how far each got before RC_KILL_MS is timing: not compared
        verdict = 'killed in both (not compared)'; row.killed++;
        differences.push(`${corpus} :: ${c.name}: ${verdict}`);
      } else {
        const s2 = await run(stockBin, 'stock2'), o2 = await run(ovrBin, 'ovr2');
        const stable = same(s, s2) && same(o, o2), cliOnly = s.lines.join('\n') === o.lines.join('\n');
        verdict = `DIFFERENT in ${cliOnly ? 'CLI output only' : 'results'} (${stable ? 'stable' : 'unstable: an install disagrees with itself'})`;
        row[!stable ? 'unstable' : cliOnly ? 'cliOnly' : 'stable']++;
        const d = [...hints(s, o), ...diffs(s, o)];
        if (!same(s, s2)) d.push('  (stock against its own rerun:)', ...diffs(s, s2));
        if (!same(o, o2)) d.push('  (ovr against its own rerun:)', ...diffs(o, o2));
        differences.push(`${corpus} :: ${c.name}: ${verdict}\n${redactor(c)(d.join('\n'))}`);
      }
      fs.writeFileSync(`${base}.summary.txt`, `stock:\n${s.lines.join('\n')}\n\novr:\n${o.lines.join('\n')}\n`);
      fs.writeFileSync(`${base}.cli.txt`, `stock:\n${s.cli.join('\n')}\n\novr:\n${o.cli.join('\n')}\n`);
      console.error(`[${i + 1}/${cases.length}] ${c.name}: ${verdict} (${s.requests} requests, ${s.assertions} assertions)`);
    }
    row.seconds = ((Date.now() - t0) / 1000).toFixed(1);
    table.push(row);
  }
  proxy.close();
  if (echoServer) echoServer.child.kill();

  console.log('\n| corpus | cases | same | results differ (stable) | only CLI text differs (stable) | differ, unstable | killed in both | no report (stock) | requests stock/ovr | assertions stock/ovr | seconds |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of table) {
    console.log(`| ${r.corpus} | ${r.cases} | ${r.same} | ${r.stable} | ${r.cliOnly} | ${r.unstable} | ${r.killed} | ${r.noReport} | ${r.requests}/${r.ovrRequests} | ${r.assertions}/${r.ovrAssertions} | ${r.seconds} |`);
  }
  console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s; reports and per-case summaries in ${OUT}`);
  console.log(differences.length ? '\nDifferences:\n\n' + differences.join('\n\n') : '\nNo differences.');
  process.exit(differences.length ? 1 : 0);
})();

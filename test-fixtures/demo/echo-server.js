// A tiny local HTTP API for the demo and the tests: it answers every request with what it
// received (method, path, query, headers, body) as JSON, and appends the same record to the file
// named by ECHO_LOG, if set, so a test can check what Newman sent. It prints its port on stdout.
// Requests to /hang are held open until the server stops (for interruption tests). For the
// parity tests: /status/NNN answers with that status, /redirect?to=PATH with a 302 to PATH, and
// /cookie?NAME=VALUE sets that cookie; every answer echoes the request all the same.
'use strict';
const http = require('http');
const fs = require('fs');

const log = process.env.ECHO_LOG;
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url, 'http://localhost');
    const record = {
      method: req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    if (log) fs.appendFileSync(log, JSON.stringify(record) + '\n');
    if (url.pathname === '/hang') return; // never answered
    const body = JSON.stringify(record);
    const headers = { 'content-type': 'application/json' };
    let status = 200;
    const code = /^\/status\/([1-5][0-9][0-9])$/.exec(url.pathname);
    if (code) status = Number(code[1]);
    if (url.pathname === '/redirect') {
      status = 302;
      headers.location = url.searchParams.get('to') || '/';
    }
    if (url.pathname === '/cookie') {
      headers['set-cookie'] = [...url.searchParams].map(([name, value]) => `${name}=${value}; Path=/`);
    }
    res.writeHead(status, headers);
    res.end(body);
  });
});
server.listen(Number(process.env.ECHO_PORT || 0), '127.0.0.1', () => {
  process.stdout.write(server.address().port + '\n');
});
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));

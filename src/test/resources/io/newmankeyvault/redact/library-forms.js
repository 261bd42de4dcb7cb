'use strict';
// What the libraries Newman 6.2.2 bundles make of a value, for LibraryFormsTest: each rendering is
// produced by the real library code (chai and loupe inside postman-sandbox, Newman's own
// util.inspect options, xmlbuilder as Newman's JUnit reporter calls it, postman-collection and
// postman-url-encoder as postman-runtime resolves and sends a URL, handlebars as htmlextra's
// templates escape, postman-runtime's Basic authorizer), never by a copy of its rules.
//
//   node library-forms.js NODE_MODULES_DIR < values.json > renderings.json
//
// values.json is a JSON array of strings; the answer maps each value's index to an object of
// rendering name -> text (null where the library refuses the value).

const path = require('path');
const modules = process.argv[2];
const lib = (name) => require(path.join(modules, name));

const util = require('util');
const Sandbox = lib('postman-sandbox');
const sdk = lib('postman-collection');
const urlEncoder = lib('postman-url-encoder');
const xmlbuilder = lib('xmlbuilder');
const handlebars = lib('handlebars');
const basicAuth = lib('postman-runtime/lib/authorizer/basic.js');
const cliUtils = lib('newman/lib/reporters/cli/cli-utils.js');

// Newman's CLI reporter inspects every console.log argument with these options (no colours when
// its stdout is not a terminal, as in CI).
const inspect = cliUtils.inspector({ color: 'off' });

/** The failure messages of chai assertions run in a real sandbox, in the order they were run. */
function chaiMessages (values) {
    const tests = [];
    values.forEach((value, index) => {
        const v = `values[${index}]`;
        tests.push(`pm.test('equal ${index}', () => pm.expect(${v}).to.equal('x'));`);
        tests.push(`pm.test('bearer ${index}', () => pm.expect('Bearer ' + ${v}).to.equal('x'));`);
        tests.push(`pm.test('object ${index}', () => pm.expect({ k: ${v} }).to.eql({}));`);
    });

    return new Promise((resolve, reject) => {
        Sandbox.createContext({}, (err, context) => {
            if (err) { return reject(err); }
            const messages = {};
            context.on('execution.assertion', (cursor, assertions) => {
                assertions.forEach((a) => { messages[a.name] = a.error ? a.error.message : null; });
            });
            const script = [`const values = ${JSON.stringify(values)};`, ...tests];
            context.execute({ listen: 'test', script: { exec: script } }, {}, (error) => {
                context.dispose();
                error ? reject(error) : resolve(messages);
            });
        });
    });
}

/** A URL with the value in a path segment and a query value, resolved as postman-runtime does. */
function resolvedUrl (template, value) {
    // postman-runtime (lib/runner/util.js resolveVariables) substitutes into url.toString() and
    // parses the result again.
    const unresolved = new sdk.Url(template).toString();

    return new sdk.Url(sdk.Property.replaceSubstitutions(unresolved, [{ s: value }]));
}

/** JUnit XML as Newman's reporter builds it (reporters/junit/index.js), for one failure. */
function junit (name, message) {
    try {
        const root = xmlbuilder.create('testsuites', { version: '1.0', encoding: 'UTF-8' });
        const failure = root.ele('testsuite').ele('testcase').att('name', name).ele('failure');
        failure.att('type', 'AssertionFailure');
        failure.dat('Test description: ' + name + '.');
        failure.att('message', message);
        failure.dat('Error message: ' + message + '.');

        return root.end({ pretty: true, indent: '  ', newline: '\n', allowEmpty: false });
    }
    catch (e) {
        return null; // xmlbuilder refuses characters XML 1.0 cannot hold
    }
}

function basicHeader (password) {
    const auth = new sdk.RequestAuth({ type: 'basic',
        basic: [{ key: 'username', value: 'abc' }, { key: 'password', value: password }] });
    const request = new sdk.Request({ url: 'http://127.0.0.1/' });
    basicAuth.sign(auth.parameters(), request, () => {});

    return 'Authorization: ' + request.headers.get('Authorization');
}

async function main () {
    const values = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    const messages = await chaiMessages(values);
    const out = {};
    values.forEach((value, index) => {
        const query = resolvedUrl('http://127.0.0.1:1234/echo?q={{s}}', value);
        const pathUrl = resolvedUrl('http://127.0.0.1:1234/echo/{{s}}/end', value);
        const chai = messages[`equal ${index}`];
        const escape = handlebars.Utils.escapeExpression;
        out[index] = {
            'chai.equal': chai,
            'chai.bearer': messages[`bearer ${index}`],
            'chai.object': messages[`object ${index}`],
            'inspect.string': inspect(value),
            'inspect.object': inspect({ token: value }),
            // util.inspect shows 10,000 characters of a string (maxStringLength): the value starts
            // 24 or 8 characters before that cut.
            'inspect.cut24': inspect('.'.repeat(10000 - 24) + value),
            'inspect.cut8': inspect('.'.repeat(10000 - 8) + value),
            'junit.name': junit(value, 'expected 1 to equal 2'),
            'junit.message': junit('a test', chai),
            'url.query.printed': query.toString(),
            'url.query.sent': urlEncoder.toNodeUrl(query).href,
            'url.path.printed': pathUrl.toString(),
            'url.path.sent': urlEncoder.toNodeUrl(pathUrl).href,
            'htmlextra.url': escape(query),
            'htmlextra.sent': escape(urlEncoder.toNodeUrl(query).href),
            'htmlextra.encodeURIComponent': escape(encodeURIComponent(value)),
            'htmlextra.chai': escape(chai),
            'json.chai': JSON.stringify({ message: chai }),
            'basic': basicHeader(value)
        };
    });
    process.stdout.write(JSON.stringify(out));
}

main().catch((e) => { console.error(e && e.stack || e); process.exit(1); });

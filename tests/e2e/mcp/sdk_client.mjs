// An MCP client built on the official TypeScript SDK (@modelcontextprotocol/sdk) that starts
// `kensa mcp` on two prepared repositories, lists the tools, calls each and checks the answers
// against the repositories' own text (every file:line kensa names must hold what it says), over
// stdio or Streamable HTTP. Exits non-zero with the failures listed.
//
// node sdk_client.mjs NODE_DIR KENSA BLOG_REPO MINIDIFF_REPO stdio|http
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [nodeDir, kensa, blog, minidiff, transportKind] = process.argv.slice(2);
const sdk = (p) => import(pathToFileURL(path.join(nodeDir, 'node_modules/@modelcontextprotocol/sdk/dist/esm', p)).href);
const { Client } = await sdk('client/index.js');
const { StdioClientTransport } = await sdk('client/stdio.js');
const { StreamableHTTPClientTransport } = await sdk('client/streamableHttp.js');
const { LATEST_PROTOCOL_VERSION } = await sdk('types.js');

const failures = [];
let checks = 0;
function check(ok, what) {
  ++checks;
  if (!ok) failures.push(what);
  return ok;
}
const lineOf = (root, file, line) => (fs.readFileSync(path.join(root, file), 'utf8').split('\n')[line - 1] ?? '');

// Starts kensa on `root`; over HTTP reads the port it prints.
async function connect(root) {
  const client = new Client({ name: 'kensa-e2e', version: '1.0.0' });
  if (transportKind === 'stdio') {
    const transport = new StdioClientTransport({ command: kensa, args: ['mcp', '-C', root], stderr: 'pipe' });
    await client.connect(transport);
    return { client, close: () => client.close() };
  }
  const child = spawn(kensa, ['mcp', '-C', root, '--http', '127.0.0.1:0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise((resolve, reject) => {
    let text = '';
    child.stderr.on('data', (d) => {
      text += d;
      const m = text.match(/serving (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`kensa mcp --http exited with ${code}: ${text}`)));
  });
  const transport = new StreamableHTTPClientTransport(new URL(url));
  await client.connect(transport);
  return {
    client, url, close: async () => {
      await transport.terminateSession().catch(() => {});
      await client.close();
      child.kill();
    },
  };
}

async function call(client, name, args) {
  return client.callTool({ name, arguments: args });
}

// ---- the blog repository: a transformers-like tree -------------------------------------------
const { client, url, close } = await connect(blog);
check(client.getServerVersion()?.name === 'kensa', 'serverInfo.name is kensa');
await client.ping();

const { tools } = await client.listTools();
const names = tools.map((t) => t.name).sort();
const expected = ['call_paths', 'callees', 'callers', 'check_ai_docs', 'check_auto_mappings',
  'check_config_docstrings', 'check_copies', 'check_deps_table', 'check_doc_toc', 'check_doctest_list', 'check_dummies',
  'check_forward_docstrings', 'check_init_isort', 'check_inits', 'check_pipeline_typing', 'check_repo_consistency',
  'check_support_list', 'definition', 'import_chain', 'importers', 'imports', 'message_origin',
  'references', 'select_tests'];
check(JSON.stringify(names) === JSON.stringify(expected), `tools/list gives ${expected} (got ${names})`);
for (const t of tools) {
  check(t.inputSchema?.type === 'object' && t.outputSchema?.type === 'object' && t.description,
        `${t.name} has an input schema, an output schema and a description`);
}

const target = 'transformers.dynamic_module_utils._sanitize_module_name';
// definition: the def line itself.
let r = await call(client, 'definition', { name: '_sanitize_module_name' });
let d = r.structuredContent?.definitions?.[0];
check(d && /def _sanitize_module_name\b/.test(lineOf(blog, d.file, d.line)), 'definition names the def line');
check(r.content?.[0]?.text?.includes(`${d?.file}:${d?.line}:`), 'definition text gives file:line');

// references: each line names it.
r = await call(client, 'references', { name: target });
const refs = r.structuredContent?.references ?? [];
check(refs.length > 0, 'references finds the uses');
for (const ref of refs) check(lineOf(blog, ref.file, ref.line).includes('_sanitize_module_name'), `reference ${ref.file}:${ref.line} names it`);

// callers: each call site names it; limit bounds the answer and counts the rest.
r = await call(client, 'callers', { name: target });
const callers = r.structuredContent?.calls ?? [];
check(callers.length > 0, 'callers finds the callers');
for (const c of callers) check(lineOf(blog, c.file, c.line).includes('_sanitize_module_name'), `caller ${c.file}:${c.line} calls it`);
r = await call(client, 'references', { name: target, limit: 1 });
check(r.structuredContent?.references?.length === 1 && r.structuredContent.omitted === refs.length - 1,
      'limit 1 gives one reference and counts the others as omitted');

// callees of the caller: each site names its callee, or is a decorator line, or (an implicit
// call, an edge through the class hierarchy or a decorator's wrapper) holds a call, or calls a
// parameter of its function (a wrapper's `func(*args)`: the callee is what was passed).
const callsParameter = (root, hop) => {
  const lines = fs.readFileSync(path.join(root, hop.file), 'utf8').split('\n');
  const called = lines[hop.line - 1].slice(hop.column - 1).match(/^(\w+)\(/);
  if (!called) return false;
  // Any enclosing def (a closure's wrapper calls the decorator's parameter).
  let indent = lines[hop.line - 1].search(/\S/);
  for (let i = hop.line - 2; i >= 0; --i) {
    const def = lines[i].match(/^(\s*)(async\s+)?def\s+\w+\((.*)/);
    if (!def || def[1].length >= indent) continue;
    if (new RegExp(`\\b${called[1]}\\b`).test(def[3])) return true;
    indent = def[1].length;
  }
  return false;
};
const namesCallee = (root, hop) => {
  const text = lineOf(root, hop.file, hop.line);
  const last = hop.callee.split('.').pop();
  const implicit = last.startsWith('__') || /^(class-)?hierarchy|^decorator/.test(hop.how);
  return text.includes(last) || text.trim().startsWith('@') || (implicit && /[([]/.test(text)) ||
         callsParameter(root, hop);
};
r = await call(client, 'callees', { name: callers[0]?.function ?? target });
const callees = r.structuredContent?.calls ?? [];
check(callees.length > 0, 'callees finds calls');
for (const c of callees) check(namesCallee(blog, c), `callee hop ${c.file}:${c.line} -> ${c.callee}`);

// call_paths: the blog's chain from from_pretrained down to _sanitize_module_name, as far as the
// call graph resolves it: hops chain up, start at FROM, end at the target, each site real.
const from = 'transformers.models.auto.auto_factory._BaseAutoModelClass.from_pretrained';
r = await call(client, 'call_paths', { from, to: '_sanitize_module_name' });
const paths = r.structuredContent?.paths ?? [];
check(paths.length > 0, 'call_paths finds a path from from_pretrained to _sanitize_module_name');
for (const p of paths) {
  check(p[0].function === from, 'a path starts at FROM');
  check(p[p.length - 1].callee === target, 'a path ends at the target');
  for (let i = 0; i + 1 < p.length; ++i) check(p[i].callee === p[i + 1].function, `hop ${i} leads to hop ${i + 1}`);
  for (const h of p) check(namesCallee(blog, h), `path hop ${h.file}:${h.line} -> ${h.callee}`);
}
check(paths.some((p) => p.some((h) => h.callee.endsWith('GenerationMixin.load_custom_generate'))),
      "a path goes through model.load_custom_generate (the blog's chain)");
check(/path 1 \(\d+ calls\):/.test(r.content?.[0]?.text ?? ''), 'call_paths text numbers the paths');

// message_origin: the blog's warning comes from a line holding its literal text.
r = await call(client, 'message_origin', {
  text: 'The module name HuggingFaceTB/SmolLM_hyphen_135M (originally HuggingFaceTB/SmolLM-135M) is not a valid Python identifier.' });
const origin = r.structuredContent?.origins?.[0];
check(origin && origin.coverage_percent >= 50, 'message_origin finds a site explaining the message');
if (origin) {
  const src = fs.readFileSync(path.join(blog, origin.file), 'utf8').split('\n').slice(origin.line - 1, origin.line + 3).join('\n');
  check(src.includes('is not a valid Python identifier'), `the origin ${origin.file}:${origin.line} holds the text`);
}

// imports / importers / import_chain: every edge's line is an import statement.
const isImport = (root, e) => /\bimport\b/.test(lineOf(root, e.from, e.line));
r = await call(client, 'imports', { module: 'transformers.models.auto.auto_factory' });
const imports = r.structuredContent?.imports ?? [];
check(imports.length > 0, 'imports lists the imports');
for (const e of imports) check(isImport(blog, e), `import ${e.from}:${e.line}`);
r = await call(client, 'importers', { module: 'transformers.dynamic_module_utils' });
const importers = r.structuredContent?.importers ?? [];
check(importers.length > 0, 'importers lists the importers');
for (const e of importers) check(isImport(blog, e) && e.to.endsWith('dynamic_module_utils.py'), `importer ${e.from}:${e.line}`);
r = await call(client, 'import_chain', { from: 'transformers.models.auto.auto_factory', to: 'transformers.dynamic_module_utils' });
check(r.structuredContent?.found === true && r.structuredContent.chain.every((e) => isImport(blog, e)), 'import_chain finds an import chain');

// Errors: unknown tool (protocol error), bad arguments and unknown names (tool errors).
try {
  await call(client, 'no_such_tool', {});
  check(false, 'an unknown tool is an error');
} catch (e) {
  check(e.code === -32602, `an unknown tool is JSON-RPC error -32602 (got ${e.code})`);
}
r = await call(client, 'definition', { name: 42 });
check(r.isError === true, 'a wrong argument type is a tool error');
r = await call(client, 'callers', { name: 'no_such_function_anywhere' });
check(r.isError === true && /no definition/.test(r.content[0].text), 'an unknown name is a tool error that says so');

// Nothing outside the root: a linked file outside is not indexed, an outside path is refused.
r = await call(client, 'definition', { name: 'secret_outside_the_root' });
check((r.structuredContent?.total ?? 1) === 0, 'a file linked from outside the root is not read');
r = await call(client, 'definition', { name: '/etc/passwd.py:1' });
check(r.isError === true, 'a path outside the root is refused');
r = await call(client, 'imports', { module: '../outside/secret.py' });
check(r.isError === true, 'a relative path leaving the root is refused');

// The warm index follows edits: a function added on disk is found by the next call.
const edited = path.join(blog, 'src/transformers/dynamic_module_utils.py');
fs.appendFileSync(edited, '\n\ndef added_while_serving():\n    return _sanitize_module_name("x")\n');
r = await call(client, 'definition', { name: 'added_while_serving' });
d = r.structuredContent?.definitions?.[0];
check(d && lineOf(blog, d.file, d.line).startsWith('def added_while_serving'), 'an edit on disk is seen by the next call');
r = await call(client, 'callers', { name: target });
check((r.structuredContent?.calls ?? []).some((c) => c.function.endsWith('added_while_serving')), 'the new caller is found');

// A new folder, then a file in it: both seen (the folder is watched once it appears).
fs.mkdirSync(path.join(blog, 'src/transformers/added_package'), { recursive: true });
r = await call(client, 'definition', { name: '_sanitize_module_name' });
fs.writeFileSync(path.join(blog, 'src/transformers/added_package/late.py'), 'def written_later():\n    pass\n');
r = await call(client, 'definition', { name: 'written_later' });
d = r.structuredContent?.definitions?.[0];
check(d && d.file.endsWith('added_package/late.py') && d.line === 1, 'a file written in a new folder is seen by the next call');

// Over HTTP: a request from another origin is refused (DNS rebinding).
if (url) {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', Origin: 'http://evil.example.com' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }) });
  check(res.status === 403, `a request with a foreign Origin gets 403 (got ${res.status})`);
  // Version negotiation: a revision the server speaks is echoed, an unknown one gets the newest.
  for (const [asked, want] of [[LATEST_PROTOCOL_VERSION, LATEST_PROTOCOL_VERSION], ['2025-06-18', '2025-06-18'],
    ['2025-03-26', '2025-03-26'], ['2024-11-05', '2024-11-05'], ['1999-01-01', LATEST_PROTOCOL_VERSION]]) {
    const init = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: asked, capabilities: {}, clientInfo: { name: 'v', version: '1' } } }) });
    const body = await init.json();
    check(body.result?.protocolVersion === want && init.headers.get('mcp-session-id'), `initialize asking ${asked} gets ${want}`);
  }
  const noSession = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }) });
  check(noSession.status === 400, `a request without a session gets 400 (got ${noSession.status})`);
}
await close();

// ---- minidiff: a diffusers-like git repository with a branch -----------------------------------
const m = await connect(minidiff);
r = await call(m.client, 'select_tests', { mode: 'branch' });
const tests = r.structuredContent?.tests ?? [];
check(tests.length > 0, 'select_tests selects tests for the branch');
for (const t of tests) {
  check(fs.existsSync(path.join(minidiff, t.test)), `selected test ${t.test} exists`);
  check(!t.changed_file || r.structuredContent.modified_files.includes(t.changed_file), `${t.test}'s reason is a modified file`);
}
r = await call(m.client, 'check_copies', {});
const mismatches = r.structuredContent?.mismatches ?? [];
check(mismatches.length > 0, 'check_copies finds the stale copy the branch made');
for (const x of mismatches) check(lineOf(minidiff, x.file, x.line + 1).length > 0 && fs.readFileSync(path.join(minidiff, x.file), 'utf8').includes(`Copied from`), `mismatch ${x.file}:${x.line}`);
// Every other check tool: the SDK checks each structured answer against the tool's output schema.
for (const tool of names.filter((n) => n.startsWith('check_') && n !== 'check_copies')) {
  r = await call(m.client, tool, {});
  check(r.structuredContent !== undefined || r.isError === true, `${tool} answers`);
  check(typeof r.content?.[0]?.text === 'string', `${tool} has a text form`);
}
await m.close();

if (failures.length) {
  console.error(`${failures.length} of ${checks} checks failed over ${transportKind}:\n  ` + failures.join('\n  '));
  process.exit(1);
}
console.log(`kensa mcp over ${transportKind}: all ${checks} checks passed`);

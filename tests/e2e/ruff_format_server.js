#!/usr/bin/env node
// Test infrastructure for copies_corpus.py: what `ruff format - --config pyproject.toml --silent`
// answers (through ../shared/tools/ruff-wasm, installed in RUFF_DIR), for many snippets in one
// process, so that the reference script's one-call-per-snippet formatting does not start node and
// compile ruff's wasm each time. Same settings loading and the same answer as that wrapper: the
// formatted code, or "" where ruff fails (the wrapper then prints nothing and exits 2).
// Protocol: one JSON string (the snippet) a line on stdin, one JSON string (the answer) a line on
// stdout. Usage: node ruff_format_server.js RUFF_DIR   (in the project root)
"use strict";
require("v8").setFlagsFromString("--liftoff-only");
const fs = require("fs");
const path = require("path");
const readline = require("readline");
// Logging must not reach stdout, which carries only answers.
for (const level of ["log", "debug", "info", "warn"]) console[level] = (...a) => process.stderr.write(a.join(" ") + "\n");
const modules = path.join(process.argv[2], "node_modules");
const { Workspace, PositionEncoding } = require(path.join(modules, "@astral-sh/ruff-wasm-nodejs"));
const { parse: parseToml } = require(path.join(modules, "smol-toml"));

const settings = (parseToml(fs.readFileSync("pyproject.toml", "utf8")).tool || {}).ruff || {};
for (const key of ["exclude", "extend-exclude", "include", "extend-include", "src", "force-exclude"]) delete settings[key];
const workspace = PositionEncoding ? new Workspace(settings, PositionEncoding.Utf8) : new Workspace(settings);

readline.createInterface({ input: process.stdin, crlfDelay: Infinity }).on("line", (line) => {
  let out;
  try {
    out = workspace.format(JSON.parse(line));
  } catch (e) {
    out = "";
  }
  process.stdout.write(JSON.stringify(out) + "\n");
});

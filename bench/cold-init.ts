import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { allFunctions, type FunctionSpec } from '../infra/catalog.js';
import { bundleFunction, bundleInputs, coldInit, initEnvironment, median, type BuiltBundle, type ColdInit } from './function-bundles.js';

/**
 * npm run bench:init [-- --runs 7] [--only GetDocument,GetBundle] [--top 6] [--baseline DIR]
 * Every function's bundle size, where its bytes come from (esbuild's metafile, by package or source
 * file) and its cold init (import in a fresh Node process, median of --runs).
 * `--baseline DIR`: a copy of the project at another commit (e.g. `git archive <commit> | tar -x -C DIR`
 * and a node_modules symlink): its bundles are built too and timed alternately with this tree's, run
 * for run, so that both sides see the same load on a shared machine.
 * Writes bench/results/cold-init-<time>.json.
 */
const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const RUNS = Number(option('runs') ?? 7);
const TOP = Number(option('top') ?? 6);
const only = option('only')?.split(',');
const baselineRoot = option('baseline') ? resolve(option('baseline')!) : undefined;
const root = process.cwd();
const out = (line = '') => process.stdout.write(`${line}\n`);
const kb = (bytes: number) => (bytes / 1024).toFixed(0);

const specs = (allFunctions as readonly FunctionSpec[]).filter((spec) => !only || only.includes(spec.id));
const outDir = mkdtempSync(join(tmpdir(), 'lahir-init-'));
interface Row {
  id: string;
  bytes: number;
  initMs: number;
  cpuMs: number;
  samples: ColdInit[];
  inputs: { name: string; bytes: number }[];
  baseline?: { bytes: number; initMs: number; cpuMs: number; samples: ColdInit[] };
}
const rows: Row[] = [];
try {
  const env = initEnvironment(root);
  const baselineEnv = baselineRoot ? initEnvironment(baselineRoot) : undefined;
  for (const spec of specs) {
    const current = await bundleFunction(spec, root, join(outDir, 'current'));
    let before: BuiltBundle | undefined;
    if (baselineRoot) before = await bundleFunction(spec, baselineRoot, join(outDir, 'baseline'));
    const samples: ColdInit[] = [];
    const beforeSamples: ColdInit[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      if (before) beforeSamples.push(coldInit(before.outfile, baselineEnv!));
      samples.push(coldInit(current.outfile, env));
    }
    const medians = (of: ColdInit[]) => ({ initMs: median(of.map((s) => s.wallMs)), cpuMs: median(of.map((s) => s.cpuMs)) });
    const row: Row = { id: spec.id, bytes: current.bytes, ...medians(samples), samples, inputs: bundleInputs(current) };
    if (before) row.baseline = { bytes: before.bytes, ...medians(beforeSamples), samples: beforeSamples };
    rows.push(row);
    const figures = (r: { bytes: number; initMs: number; cpuMs: number }) =>
      `${kb(r.bytes).padStart(5)} KB ${r.initMs.toFixed(0).padStart(4)} ms (CPU ${r.cpuMs.toFixed(0).padStart(3)})`;
    out(`${spec.id.padEnd(26)}${figures(row)}${row.baseline ? `   before: ${figures(row.baseline)}` : ''}`);
    out(`    ${row.inputs.slice(0, TOP).map((i) => `${i.name} ${kb(i.bytes)}`).join(', ')}`);
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}

const range = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
out();
out(`${rows.length} functions, cold init median of ${RUNS} (${process.version}): ${range(rows.map((r) => r.initMs))} ms (CPU ${range(rows.map((r) => r.cpuMs))} ms); bundles ${range(rows.map((r) => r.bytes / 1024))} KB`);
if (baselineRoot) {
  const before = rows.flatMap((r) => (r.baseline ? [r.baseline] : []));
  out(`baseline (${baselineRoot}): ${range(before.map((r) => r.initMs))} ms (CPU ${range(before.map((r) => r.cpuMs))} ms); bundles ${range(before.map((r) => r.bytes / 1024))} KB`);
}
const at = new Date().toISOString();
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
const file = join(root, 'bench', 'results', `cold-init-${at.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify({ at, node: process.version, runs: RUNS, baseline: baselineRoot, rows }, null, 2)}\n`);
out(`written ${file}`);

/**
 * Part 1 as the parent runs it: the Graph simulator in this process, the reader + reconcile in
 * a child per size (reader.ts), and the comparisons and targets across sizes.
 */
import { generateIntuneDevices } from '../../src/sim/fixtures-intune';
import type { GraphSim } from '../../src/sim/graph-sim';
import { startSimulators } from '../../src/sim/sim-server';
import { isFailure, round, runChild, type ChildFailure } from './lib';
import type { ReaderResult } from './reader';

export const SEED = 7;

const say = (text: string) => process.stderr.write(`bench: ${text}\n`);

export interface ReaderRun extends ReaderResult {
  graphRequests: {
    total: number;
    byRoute: Record<string, number>;
    expectedPages: number;
    expectedTotal: number;
    failed: number;
    maxInFlight: number;
  };
  simulator: { generateMs: number; childProcessMs: number };
}

type ReaderOutcome = ReaderRun | (ChildFailure & { size: number });

/** Requests the simulator served during a run of `size` devices (pages of 1,000). */
function graphRequests(graph: GraphSim, size: number): ReaderRun['graphRequests'] {
  const log = graph.state.log;
  const byRoute: Record<string, number> = {};
  for (const e of log) byRoute[e.route] = (byRoute[e.route] ?? 0) + 1;
  const signIn = (byRoute.token ?? 0) + (byRoute.discovery ?? 0);
  const expectedPages = Math.ceil(size / 1000);
  return {
    total: log.length,
    byRoute,
    expectedPages,
    expectedTotal: expectedPages + signIn,
    failed: log.filter((e) => e.status < 200 || e.status >= 300).length,
    maxInFlight: graph.state.maxInFlight,
  };
}

async function readerRun(n: number, simDir: string): Promise<ReaderOutcome> {
  say(`reader: ${n} devices`);
  let t = performance.now();
  const devices = generateIntuneDevices(n, SEED);
  const generateMs = performance.now() - t;
  const sims = await startSimulators({
    dataDir: simDir,
    graph: { devices, maxPageSize: 1000 },
    jamf: false,
  });
  try {
    if (!sims.graph) throw new Error('the Graph simulator did not start');
    t = performance.now();
    const r = await runChild<ReaderResult>('reader.js', ['--size', String(n)], sims.env);
    const childMs = performance.now() - t;
    if (isFailure(r)) return { size: n, error: r.error };
    return {
      ...r,
      graphRequests: graphRequests(sims.graph, n),
      simulator: { generateMs: round(generateMs), childProcessMs: round(childMs) },
    };
  } finally {
    await sims.close();
  }
}

export async function readerPart(sizes: number[], simDir: string) {
  const runs: ReaderOutcome[] = [];
  for (const n of sizes) runs.push(await readerRun(n, simDir));
  return { seed: SEED, runs, comparisons: compareSizes(runs), targets: readerTargets(runs) };
}

export type ReaderPart = Awaited<ReturnType<typeof readerPart>>;

const succeeded = (runs: ReaderOutcome[]): ReaderRun[] =>
  runs.flatMap((r) => (isFailure(r) ? [] : [r]));

/** time(b)/time(a) against b/a for each pair of consecutive sizes measured in this run. */
function compareSizes(runs: ReaderOutcome[]) {
  const ok = succeeded(runs).sort((a, b) => a.size - b.size);
  return ok.slice(1).map((b, i) => {
    const a = ok[i] ?? b;
    return {
      from: a.size,
      to: b.size,
      sizeRatio: round(b.size / a.size, 2),
      readRatio: round(b.readMs / a.readMs, 2),
      reconcileRatio: round(b.reconcileMs / a.reconcileMs, 2),
      reconcileMedianRatio: round(b.reconcileMedianMs / a.reconcileMedianMs, 2),
      reconcileBestRatio: round(b.reconcileBestMs / a.reconcileBestMs, 2),
      peakRssRatio: round(b.rss.maxAfterReconcileMb / a.rss.maxAfterReconcileMb, 2),
    };
  });
}

export interface Verdict {
  target: string;
  value: number | string;
  met: boolean | null;
  expected?: number;
}

export interface ReaderTarget {
  size?: number;
  graphRequests?: Verdict;
  reconcile?: Verdict;
  peakRss?: Verdict;
  linear10kTo100k?: {
    target: string;
    read: { value: number; met: boolean };
    reconcile: { value: number; met: boolean };
  };
}

function readerTargets(runs: ReaderOutcome[]): ReaderTarget[] {
  const targets: ReaderTarget[] = [];
  for (const r of succeeded(runs)) {
    const g = r.graphRequests;
    targets.push({
      size: r.size,
      graphRequests: {
        target: `= pages (${g.expectedPages}) + sign-in calls (token + discovery)`,
        value: g.total,
        expected: g.expectedTotal,
        met: g.total === g.expectedTotal && g.byRoute.managedDevices === g.expectedPages,
      },
    });
    if (r.size === 100000) {
      const peak = r.rss.maxAfterReconcileMb;
      targets.push({
        size: r.size,
        reconcile: { target: '< 1000 ms', value: r.reconcileMs, met: r.reconcileMs < 1000 },
        peakRss: { target: '< 400 MB', value: peak, met: peak < 400 },
      });
    }
  }
  const c = compareSizes(runs).find((x) => x.from === 10000 && x.to === 100000);
  if (c)
    targets.push({
      linear10kTo100k: {
        target: 'time(100k)/time(10k) <= 10',
        read: { value: c.readRatio, met: c.readRatio <= 10 },
        reconcile: { value: c.reconcileRatio, met: c.reconcileRatio <= 10 },
      },
    });
  return targets;
}

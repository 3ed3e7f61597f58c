/** Every target of every part, flat: what, target, measured value, met. */
import type { BotResult } from './bot-load';
import type { CommandsResult } from './commands';
import type { FullRunResult, Target } from './full-run';
import { isFailure, type ChildFailure } from './lib';
import type { NotifyResult } from './notify';
import type { ReaderPart, Verdict } from './reader-part';
import type { StocktakeBenchResult } from './stocktake';

export interface FullPart {
  database: string;
  uri: string;
  runs: (FullRunResult | (ChildFailure & { size: number }))[];
}

/** What a part reports: its figures, or why it failed. */
type Outcome<T extends object> = T | ChildFailure;

export interface PartReports {
  reader?: Outcome<ReaderPart>;
  full?: Outcome<FullPart[]>;
  bot?: Outcome<BotResult>;
  notify?: Outcome<NotifyResult>;
  commands?: Outcome<CommandsResult>;
  stocktake?: Outcome<StocktakeBenchResult>;
}

export interface TargetLine {
  part: string;
  what?: string;
  target?: string;
  value?: unknown;
  met: boolean | null;
  error?: string;
}

type Add = (part: string, what: string, t: Verdict | Target | undefined) => void;

function readerLines(reader: ReaderPart, add: Add): void {
  for (const t of reader.targets) {
    if (t.graphRequests) add('reader', `Graph requests at ${t.size}`, t.graphRequests);
    if (t.reconcile) add('reader', `reconcile at ${t.size} (cold)`, t.reconcile);
    if (t.peakRss) add('reader', `peak RSS at ${t.size}`, t.peakRss);
    if (t.linear10kTo100k) {
      const l = t.linear10kTo100k;
      add('reader', 'read time 10k → 100k', { target: l.target, ...l.read });
      add('reader', 'reconcile time 10k → 100k', { target: l.target, ...l.reconcile });
    }
  }
}

function fullLines(full: FullPart[], add: Add, out: TargetLine[]): void {
  for (const f of full)
    for (const r of f.runs) {
      if (isFailure(r)) {
        out.push({ part: 'full', what: `${f.database} ${r.size}`, error: r.error, met: false });
        continue;
      }
      for (const p of r.phases) {
        add('full', `${f.database} ${r.size} ${p.phase}: commands`, p.targets.commands);
        add('full', `${f.database} ${r.size} ${p.phase}: writes`, p.targets.noopWritesNothing);
      }
    }
}

export function targetList(report: PartReports): TargetLine[] {
  const out: TargetLine[] = [];
  const add: Add = (part, what, t) => {
    if (t) out.push({ part, what, target: t.target, value: t.value, met: t.met });
  };
  const failed = (part: string, r: ChildFailure) => out.push({ part, error: r.error, met: false });
  if (report.reader && !isFailure(report.reader)) readerLines(report.reader, add);
  if (Array.isArray(report.full)) fullLines(report.full, add, out);
  if (report.bot && !isFailure(report.bot)) {
    add('bot', 'p99 latency', report.bot.targets.p99);
    add('bot', 'errors', report.bot.targets.errors);
  } else if (report.bot) failed('bot', report.bot);
  if (report.notify && !isFailure(report.notify)) {
    add('notify', 'exactly once', report.notify.targets.exactlyOnce);
    add('notify', 'time vs floor', report.notify.targets.withinFloor);
  } else if (report.notify) failed('notify', report.notify);
  if (report.commands && !isFailure(report.commands)) {
    add('commands', 'slowest message parse', report.commands.targets.slowest);
    add('commands', 'parse time ×10 characters', report.commands.targets.linear);
  } else if (report.commands) failed('commands', report.commands);
  if (report.stocktake && !isFailure(report.stocktake)) {
    add('stocktake', 'every user asked exactly once', report.stocktake.targets.exactlyOnce);
    add('stocktake', 'time vs floor', report.stocktake.targets.withinFloor);
  } else if (report.stocktake) failed('stocktake', report.stocktake);
  return out;
}

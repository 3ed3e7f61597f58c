import type { PlanOperation, ProvisioningPlan, UserValue } from '../provisioning/plan-types';
import type {
  ApplyResult,
  ProvisioningLogDoc,
  ProvisioningRunDoc,
} from '../provisioning/provisioning-service';
import { isMessageKey } from '../i18n/messages';
import type { CliContext } from './context';
import { printJson } from './output';
import { displayWidth, padDisplay } from './table';
import { cliTime } from './time';

type Say = CliContext['say'];
const write = (lines: string[]) => {
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
};

const show = (v: UserValue | undefined): string =>
  v === null || v === undefined || (Array.isArray(v) && v.length === 0)
    ? '-'
    : Array.isArray(v)
      ? v.join('; ')
      : v;

const diffLines = (changes: { property: string; old: UserValue; new: UserValue }[]) =>
  changes.map((c) => `      ${c.property}: ${show(c.old)} → ${show(c.new)}`);

/** What one operation does, in ids and names (no language), with its attribute diff. */
function describe(op: PlanOperation, say: Say): string[] {
  switch (op.kind) {
    case 'createUser':
      return [op.userPrincipalName, ...diffLines(createdValues(op.body))];
    case 'linkUser':
      return [`${op.userPrincipalName} (${op.userId})`];
    case 'updateUser':
      return [op.userId, ...diffLines(op.changes)];
    case 'stopUser':
    case 'deleteUser':
      return [`${op.userPrincipalName} (${op.userId}): ${say(`provision.reason.${op.reason}`)}`];
    case 'assignLicenses':
      return [
        [
          ...op.add.map(
            (l) =>
              `+${l.skuPartNumber}${l.disabledPlans.length ? ` (disabledPlans ×${l.disabledPlans.length})` : ''}`,
          ),
          ...op.remove.map((l) => `-${l.skuPartNumber ?? l.skuId}`),
        ].join(' '),
      ];
    case 'createGroup':
      return [
        `${op.body.displayName} (mailNickname ${op.body.mailNickname})`,
        ...(op.body.description ? [`      description: ${op.body.description}`] : []),
      ];
    case 'linkGroup':
    case 'deleteGroup':
      return [op.groupId];
    case 'updateGroup':
      return [op.groupId, ...diffLines(op.changes)];
    case 'addMember':
      return [`${op.member.personId}${op.member.userId ? ` (${op.member.userId})` : ''}`];
    case 'removeMember':
      return [`${op.personId ?? '-'} (${op.memberId}): ${say(`provision.reason.${op.reason}`)}`];
  }
}

function createdValues(body: Record<string, unknown>) {
  const out: { property: string; old: UserValue; new: UserValue }[] = [];
  const value = (v: unknown): UserValue => (Array.isArray(v) ? v.map(String) : String(v));
  for (const [name, v] of Object.entries(body)) {
    if (name === 'passwordProfile' || name === 'accountEnabled') continue;
    if (v && typeof v === 'object' && !Array.isArray(v))
      for (const [sub, s] of Object.entries(v))
        out.push({ property: `${name}.${sub}`, old: null, new: value(s) });
    else out.push({ property: name, old: null, new: value(v) });
  }
  return out;
}

const subjectKey = (op: PlanOperation): string =>
  'groupName' in op ? `group:${op.groupName}` : `person:${op.personId}`;

/** The plan as a table: each person and group with its operations and diffs, then problems. */
export function printPlan(ctx: CliContext, plan: ProvisioningPlan): void {
  const { say } = ctx;
  const bySubject = new Map<string, PlanOperation[]>();
  for (const op of plan.operations) {
    const key = subjectKey(op);
    bySubject.set(key, [...(bySubject.get(key) ?? []), op]);
  }
  const width = Math.max(
    0,
    ...plan.operations.map((op) => displayWidth(say(`provision.op.${op.kind}`))),
  );
  const lines: string[] = [];
  for (const [key, ops] of bySubject) {
    const [kind, name] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    lines.push(
      say(kind === 'group' ? 'provision.subject.group' : 'provision.subject.person', { id: name }),
    );
    for (const op of ops) {
      const [first, ...rest] = describe(op, say);
      lines.push(`  ${padDisplay(say(`provision.op.${op.kind}`), width)}  ${first}`, ...rest);
    }
  }
  if (plan.problems.length > 0) {
    lines.push(say('provision.problems'));
    for (const p of plan.problems) {
      const who = p.subject.kind === 'person' ? p.subject.personId : p.subject.groupName;
      lines.push(`  ${who}: ${say(`provision.problem.${p.code}`, p.params)}`);
    }
  }
  lines.push(say('provision.summary', { ...plan.summary }));
  if (plan.operations.length === 0) lines.push(say('provision.empty'));
  if (plan.needsApproval)
    lines.push(
      say('provision.needsApproval', { removals: plan.removals, safetyLimit: plan.safetyLimit }),
    );
  write(lines);
}

/** A failure's or skip's reason key in words; a key the catalog lacks is printed as the key. */
function detailReason(say: Say, detail: string): string {
  const key = `provision.detail.${detail}`;
  return isMessageKey(key) ? say(key) : key;
}

/** One log entry: when, run, operation, result, detail (translated reason) and Graph's answer. */
export function logLines(say: Say, entry: ProvisioningLogDoc, withRun: boolean): string[] {
  const reason = entry.result === 'ok' ? entry.detail : detailReason(say, entry.detail);
  const error = entry.error
    ? ` [${entry.error.status ? `HTTP ${entry.error.status} ` : ''}${entry.error.code}: ${entry.error.message}; request-id ${entry.error.requestId ?? '-'}]`
    : '';
  const who =
    entry.subject.kind === 'person' ? entry.subject.personId : `[${entry.subject.groupName}]`;
  const head = [
    cliTime(entry.at),
    ...(withRun ? [entry.runId.toHexString()] : [who]),
    say(`provision.op.${entry.operation}`),
    say(`provision.result.${entry.result}`),
  ].join('  ');
  return [`${head}  ${reason}${error}`, ...diffLines(entry.changes)];
}

/** A run without its plan (the plan has its own command), for --json. */
export function runSummary(run: ProvisioningRunDoc) {
  const { plan, _id, ...rest } = run;
  return { id: _id.toHexString(), ...rest, summary: plan.summary, problems: plan.problems };
}

/**
 * The result of apply or approve: held (how to approve), or the counts, every operation that
 * did not succeed, and the first passwords (stdout only). Exit 1 when held or anything failed.
 */
export async function printApplyResult(
  ctx: CliContext,
  result: ApplyResult,
  json: boolean,
): Promise<void> {
  const { run, initialPasswords } = result;
  const runId = run._id.toHexString();
  const entries = run.status === 'held' ? [] : await ctx.provisioning.log(runId);
  const failures = entries.filter((e) => e.result !== 'ok');
  if (json) printJson({ run: runSummary(run), failures, initialPasswords });
  else if (run.status === 'held') {
    write([
      ctx.say('provision.summary', { ...run.plan.summary }),
      ctx.say('provision.held', {
        runId,
        removals: run.plan.removals,
        safetyLimit: run.plan.safetyLimit,
      }),
    ]);
  } else {
    const lines = [
      ctx.say('provision.result', {
        runId,
        status: ctx.say(`provision.status.${run.status}`),
        ...run.counts,
        requests: run.requests,
      }),
      ...failures.flatMap((e) => logLines(ctx.say, e, false)),
    ];
    if (initialPasswords.length > 0) {
      lines.push(ctx.say('provision.passwordsWarning', { count: initialPasswords.length }));
      for (const p of initialPasswords)
        lines.push(`  ${p.personId}  ${p.userPrincipalName}  ${p.password}`);
    }
    write(lines);
  }
  if (run.status === 'held') {
    process.stderr.write(`${ctx.say('provision.heldShort', { runId })}\n`);
    process.exitCode = 1;
  } else if (run.counts.failed > 0) {
    process.stderr.write(
      `${ctx.say('provision.partialShort', { runId, failed: run.counts.failed })}\n`,
    );
    process.exitCode = 1;
  }
}

import { ObjectId } from 'mongodb';
import type { AlertDoc } from '../../src/db/collections';
import { DEFAULT_OUTBOX_POLICY, planUnits, settle, type Failure } from '../../src/notify/plan';
import { classify } from '../../src/notify/sender';

const run1 = new ObjectId();
const run2 = new ObjectId();

function alert(n: number, runId: ObjectId | null, type: AlertDoc['type'] = 'missing-from-mdm') {
  return {
    _id: `a${n}`,
    type,
    provider: 'intune',
    runId,
    createdAt: new Date(n),
    status: 'sending',
    attempts: 1,
    payload: {},
  } as AlertDoc;
}

describe('planUnits', () => {
  const many = Array.from({ length: 7 }, (_, i) => alert(i, run1));
  const few = [alert(10, run2), alert(11, run2)];
  const loose = [alert(20, null), alert(21, null)];

  it('each mode: a burst of one type from one run becomes a digest, the rest one card each', () => {
    const units = planUnits([...many, ...few, ...loose], 'each', 5);
    expect(units.map((u) => [u.card, u.alerts.length])).toEqual([
      ['digest', 7],
      ['alert', 1],
      ['alert', 1],
      ['alert', 1],
      ['alert', 1],
    ]);
  });

  it('each mode: up to the threshold stays one card each', () => {
    expect(planUnits(many.slice(0, 5), 'each', 5).every((u) => u.card === 'alert')).toBe(true);
    expect(planUnits([alert(1, run1), alert(2, run1, 'duplicate')], 'each', 1)).toHaveLength(2);
  });

  it('digest mode: one card for everything, one alert alone keeps its own card', () => {
    expect(planUnits([...many, ...few], 'digest', 5)).toEqual([
      { card: 'digest', alerts: [...many, ...few] },
    ]);
    expect(planUnits([few[0]], 'digest', 5)).toEqual([{ card: 'alert', alerts: [few[0]] }]);
    expect(planUnits([], 'digest', 5)).toEqual([]);
  });
});

describe('settle', () => {
  const policy = { ...DEFAULT_OUTBOX_POLICY, backoff: { baseMs: 1000, maxMs: 60_000 } };
  const fail = (kind: Failure['kind'], extra: Partial<Failure> = {}): Failure => ({
    ok: false,
    kind,
    error: `${kind} error`,
    conversationId: 'c2',
    ...extra,
  });
  const now = 1_000_000;

  it('sent when every conversation has it', () => {
    expect(settle({ attempts: 1 }, 2, [], policy, now)).toEqual({
      action: 'sent',
      lastError: null,
    });
  });

  it('retries a transient failure with backoff, honouring a longer Retry-After', () => {
    const s = settle({ attempts: 2 }, 1, [fail('retry')], policy, now, () => 0.5);
    expect(s).toEqual({
      action: 'retry',
      error: 'c2: retry error',
      nextAttemptAt: new Date(now + 1000),
    });
    const told = settle(
      { attempts: 2 },
      1,
      [fail('retry', { waitMs: 9000 })],
      policy,
      now,
      () => 0.5,
    );
    expect(told).toMatchObject({ nextAttemptAt: new Date(now + 9000) });
  });

  it('gives up after maxAttempts: failed if it reached nobody, sent with the error otherwise', () => {
    const last = { attempts: policy.maxAttempts };
    expect(settle(last, 0, [fail('retry')], policy, now)).toEqual({
      action: 'failed',
      error: 'c2: retry error',
    });
    expect(settle(last, 1, [fail('retry')], policy, now)).toMatchObject({ action: 'sent' });
  });

  it('a permanent refusal fails at once unless another conversation got it', () => {
    expect(settle({ attempts: 1 }, 0, [fail('permanent')], policy, now)).toEqual({
      action: 'failed',
      error: 'c2: permanent error',
    });
    expect(settle({ attempts: 1 }, 1, [fail('permanent')], policy, now)).toEqual({
      action: 'sent',
      lastError: 'c2: permanent error',
    });
  });

  it('defers without counting a failure', () => {
    expect(settle({ attempts: 1 }, 0, [fail('deferred', { waitMs: 300 })], policy, now)).toEqual({
      action: 'defer',
      nextAttemptAt: new Date(now + 300),
    });
  });
});

describe('classify', () => {
  const restError = (statusCode: number | undefined, retryAfter?: string) =>
    Object.assign(new Error('no'), {
      name: 'RestError',
      statusCode,
      response: { headers: { get: (h: string) => (h === 'retry-after' ? retryAfter : undefined) } },
    });

  it.each([412, 429, 502, 503, 504])('%i is transient', (status) => {
    expect(classify(restError(status))).toMatchObject({ kind: 'retry', status });
  });
  it.each([400, 401, 403, 404, 413, 500])('%i is permanent', (status) => {
    expect(classify(restError(status))).toMatchObject({ kind: 'permanent', status });
  });
  it('reads Retry-After and treats network failures as transient, bugs as permanent', () => {
    expect(classify(restError(429, '3'))).toMatchObject({ waitMs: 3000 });
    expect(classify(restError(undefined))).toMatchObject({ kind: 'retry' });
    expect(classify(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toMatchObject({
      kind: 'retry',
    });
    expect(classify(new TypeError('undefined is not a function'))).toMatchObject({
      kind: 'permanent',
    });
  });
});

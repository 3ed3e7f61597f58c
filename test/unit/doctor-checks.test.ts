import type { Config } from '../../src/config/config';
import { checkAdmins, checkPublicUrl } from '../../src/doctor/bot-checks';

const ctx = { locale: 'en' as const };
const bot = { appId: 'app', password: 'x', type: 'SingleTenant' as const, tenantId: 't' };
const config = (c: Partial<Config>) =>
  ({ production: false, admins: { userIds: [], teamIds: [] }, ...c }) as Config;

describe('doctor: PUBLIC_URL form', () => {
  it.each([
    ['http://localhost:3978', false, 'ok'],
    ['https://daicho.example.com', true, 'ok'],
    ['http://daicho.example.com', true, 'fail'],
    ['https://daicho.example.com/api/messages', true, 'fail'],
    ['https://user:pw@daicho.example.com', true, 'fail'],
    ['localhost:3978', false, 'fail'],
  ])('%s (production %s) is %s', (publicUrl, production, status) => {
    const check = checkPublicUrl(ctx, config({ publicUrl, production }));
    expect(check.status).toBe(status);
    expect(check.detail).not.toContain('pw@');
    if (status === 'fail') expect(check.fix).toContain('PUBLIC_URL');
  });
});

describe('doctor: admins', () => {
  it('fails when the bot has credentials and nobody is named', () => {
    expect(checkAdmins(ctx, config({ bot })).status).toBe('fail');
    expect(checkAdmins(ctx, config({})).status).toBe('skipped');
    const named = config({ bot, admins: { userIds: ['a'], teamIds: ['b', 'c'] } });
    expect(checkAdmins(ctx, named)).toMatchObject({
      status: 'ok',
      detail: 'ADMIN_USER_IDS: 1, ADMIN_TEAM_IDS: 2',
    });
  });
});

import { startStubConnector } from '../support/stub-connector';
import { startServer, type ServerProcess } from '../support/server-process';

const activity = {
  type: 'message',
  id: '1',
  text: 'help',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/jp/',
  from: { id: 'user-1', aadObjectId: '00000000-0000-0000-0000-000000000001' },
  recipient: { id: 'bot' },
  conversation: { id: 'conv-1', conversationType: 'personal' },
};

describe('/api/messages authentication', () => {
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('refuses a request without a valid Bot Framework token when credentials are configured', async () => {
    server = await startServer({
      BOT_ID: '11111111-2222-3333-4444-555555555555',
      BOT_PASSWORD: 'not-a-real-secret',
      BOT_TYPE: 'MultiTenant',
    });
    const noToken = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(noToken.status).toBe(401);
    const forged = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.',
      },
      body: JSON.stringify(activity),
    });
    expect(forged.status).toBe(401);
    expect(server.output()).not.toMatch(/local testing only/);
  });

  it('without credentials runs for local testing only and says so at start', async () => {
    server = await startServer({ BOT_ID: '', BOT_PASSWORD: '' });
    expect(server.output()).toMatch(/Local mode: BOT_ID is not set/);
    const bad = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
  });

  it('makes the members of ADMIN_TEAM_IDS admins, asking Teams for membership', async () => {
    const teams = await startStubConnector();
    teams.teams = { 'team-admins': ['member-1'] };
    try {
      server = await startServer({ BOT_ID: '', BOT_PASSWORD: '', ADMIN_TEAM_IDS: 'team-admins' });
      const ask = async (userId: string) => {
        teams.requests.length = 0;
        const r = await fetch(`http://127.0.0.1:${server!.port}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            ...activity,
            text: 'link',
            locale: 'en-US',
            serviceUrl: teams.url,
            from: { id: userId, aadObjectId: `aad-${userId}` },
            conversation: { id: `conv-${userId}`, conversationType: 'personal' },
          }),
        });
        expect(r.status).toBe(200);
        return JSON.stringify(teams.delivered().map((q) => q.body));
      };
      expect(await ask('member-1')).toMatch(/Link an MDM/);
      const refused = await ask('outsider-1');
      expect(refused).not.toMatch(/Link an MDM/);
      expect(refused).toMatch(/admin/i);
    } finally {
      await teams.close();
    }
  });
});

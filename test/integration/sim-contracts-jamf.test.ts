/**
 * Every kind of answer the Jamf Pro simulator gives, checked against the Jamf Pro API 11.7.1
 * schema excerpt in ../shared/contracts/jamf.
 */
import { generateJamfComputers, generateJamfMobileDevices } from '../../src/sim/fixtures';
import type { Simulators } from '../../src/sim/sim-server';
import { expectValid, getJson, loadContracts, tokenAnswer } from '../support/sim-contracts';
import { startTestSimulators } from '../support/sim-harness';

const contracts = loadContracts();
const JAMF = 'jamf/jamf-pro-api-11.7.1.excerpt.json' as const;
const computerPage = contracts.schema(JAMF, 'ComputerInventorySearchResults');
const mobilePage = contracts.schema(JAMF, 'MobileDeviceInventorySearchResults');
const jamfError = contracts.schema(JAMF, 'ApiError');
const jamfAuthToken = contracts.schema(JAMF, 'AuthTokenV1');

let sims: Simulators;
let jamfUrl: string;

beforeAll(async () => {
  sims = await startTestSimulators({
    graph: false,
    jamf: {
      computers: generateJamfComputers(250, 4),
      mobileDevices: generateJamfMobileDevices(120, 5),
    },
  });
  jamfUrl = sims.jamf!.url;
});
afterAll(() => sims.close());
beforeEach(() => {
  sims.jamf!.state.faults.length = 0;
});

async function jamfToken(): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: sims.env.JAMF_CLIENT_ID,
    client_secret: sims.env.JAMF_CLIENT_SECRET,
  });
  const answer = await getJson(`${jamfUrl}/api/oauth/token`, { method: 'POST', body: form });
  return (answer.body as { access_token: string }).access_token;
}

describe('Jamf simulator', () => {
  it('answers the OAuth and Basic token calls in their documented shapes', async () => {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sims.env.JAMF_CLIENT_ID,
      client_secret: sims.env.JAMF_CLIENT_SECRET,
    });
    const oauthAnswer = await getJson(`${jamfUrl}/api/oauth/token`, { method: 'POST', body: form });
    expectValid(tokenAnswer, oauthAnswer.body, 'Jamf OAuth token');
    const basic = Buffer.from(`${sims.env.JAMF_CLIENT_ID}:${sims.env.JAMF_CLIENT_SECRET}`).toString(
      'base64',
    );
    const basicAnswer = await getJson(`${jamfUrl}/api/v1/auth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
    });
    expectValid(jamfAuthToken, basicAnswer.body, 'AuthTokenV1');
    const refused = await getJson(`${jamfUrl}/api/v1/auth/token`, {
      method: 'POST',
      headers: { authorization: 'Basic eDp5' },
    });
    expect(refused.status).toBe(401);
    expectValid(jamfError, refused.body, 'ApiError');
  });

  it('computer inventory pages match ComputerInventorySearchResults', async () => {
    const token = await jamfToken();
    const sections =
      'section=GENERAL&section=HARDWARE&section=OPERATING_SYSTEM&section=USER_AND_LOCATION';
    for (const page of [0, 1, 2]) {
      const answer = await getJson(
        `${jamfUrl}/api/v1/computers-inventory?${sections}&page=${page}&page-size=100&sort=id:asc`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      expectValid(computerPage, answer.body, `computers page ${page}`);
      const body = answer.body as { totalCount: number; results: Record<string, unknown>[] };
      expect(body.totalCount).toBe(250);
      expect(body.results).toHaveLength(page < 2 ? 100 : 50);
      expect(Object.keys(body.results[0]).sort()).toEqual([
        'general',
        'hardware',
        'id',
        'operatingSystem',
        'udid',
        'userAndLocation',
      ]);
    }
  });

  it('mobile device pages match MobileDeviceInventorySearchResults (by deviceType)', async () => {
    const token = await jamfToken();
    const answer = await getJson(
      `${jamfUrl}/api/v2/mobile-devices/detail?section=GENERAL&section=HARDWARE&section=USER_AND_LOCATION&page=0&page-size=200`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expectValid(mobilePage, answer.body, 'mobile page');
    expect((answer.body as { results: unknown[] }).results).toHaveLength(120);
  });

  it.each<[string, (token: string) => Promise<{ status: number; body: unknown }>, number]>([
    ['no token', () => getJson(`${jamfUrl}/api/v1/computers-inventory`), 401],
    [
      'unknown section',
      (token) =>
        getJson(`${jamfUrl}/api/v1/computers-inventory?section=NOPE`, {
          headers: { authorization: `Bearer ${token}` },
        }),
      400,
    ],
    [
      'injected 500',
      (token) => {
        sims.jamf!.state.faults.push({
          route: 'computers',
          remaining: 1,
          action: { kind: 'status', status: 500 },
        });
        return getJson(`${jamfUrl}/api/v1/computers-inventory`, {
          headers: { authorization: `Bearer ${token}` },
        });
      },
      500,
    ],
  ])('error "%s" is an ApiError', async (_name, call, status) => {
    const answer = await call(await jamfToken());
    expect(answer.status).toBe(status);
    expectValid(jamfError, answer.body, 'ApiError');
  });
});

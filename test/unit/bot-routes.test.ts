import { ALL_VERBS } from '../../src/cards/verbs';
import { ACTION_ROUTES, COMMAND_ROUTES } from '../../src/bot/registry';
import { COMMANDS } from '../../src/bot/commands';

describe('the route registry', () => {
  it('has exactly one card route per verb', () => {
    const verbs = ACTION_ROUTES.map((route) => route.verb);
    expect(new Set(verbs).size).toBe(verbs.length);
    expect([...verbs].sort()).toEqual([...ALL_VERBS].sort());
  });

  it('has one route per typed command', () => {
    const patterns = COMMAND_ROUTES.map((route) => route.pattern);
    expect(new Set(patterns).size).toBe(patterns.length);
    expect([...patterns].map(String).sort()).toEqual(Object.values(COMMANDS).map(String).sort());
  });
});

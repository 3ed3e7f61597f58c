import { USER_PROPERTIES } from '../../src/provisioning/user-properties';
import { PROVISIONABLE_TARGETS } from '../../src/provisioning/mapping';
import { userPropertiesFromSchema } from '../support/graph-user-schema';

describe('the embedded microsoft.graph.user properties', () => {
  it('are exactly those of ../shared/contracts/graph/user.schema.json, with the same kinds', () => {
    const fromSchema = userPropertiesFromSchema();
    expect(Object.keys(USER_PROPERTIES).sort()).toEqual(Object.keys(fromSchema).sort());
    expect({ ...USER_PROPERTIES }).toEqual(fromSchema);
  });

  it('hold every attribute of seed 001 that can be provisioned', () => {
    for (const target of PROVISIONABLE_TARGETS)
      expect([target, USER_PROPERTIES[target]]).toEqual([
        target,
        expect.stringMatching(/^string(\[\])?$/),
      ]);
  });
});

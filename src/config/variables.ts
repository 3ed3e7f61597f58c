import type { z } from 'zod';
import { MDM_VARIABLES } from './variables-mdm';
import { PROVISIONING_VARIABLES } from './variables-provisioning';
import { RUNTIME_VARIABLES } from './variables-runtime';
import { SERVER_VARIABLES } from './variables-server';
import { STOCKTAKE_VARIABLES } from './variables-stocktake';
import { SYNC_VARIABLES } from './variables-sync';
import type { VariableSpec } from './variable-spec';

export type { VariableSpec } from './variable-spec';

/**
 * Every environment variable Daicho reads, in one table: docs/configuration.md's variables table and
 * `daicho config` are checked against it, so a variable cannot be added without being documented.
 * The table is kept by area in the variables-*.ts files; this order is the order `daicho config`
 * lists them in.
 */
export const VARIABLES = [
  ...RUNTIME_VARIABLES,
  ...MDM_VARIABLES,
  ...SYNC_VARIABLES,
  ...STOCKTAKE_VARIABLES,
  ...PROVISIONING_VARIABLES,
  ...SERVER_VARIABLES,
] as const satisfies readonly VariableSpec[];

/** Each variable's parsed value, by name. */
export type ParsedVariables = {
  [V in (typeof VARIABLES)[number] as V['name']]: z.output<V['schema']>;
};

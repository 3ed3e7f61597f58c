import { z } from 'zod';
import { PERSON_EDIT_FIELDS, type PersonEditField } from '../people/people-service';

/* What the person card's buttons and form send (person.ts fills personId and version). */

export const PERSON_ID = z.string().trim().min(1).max(64);
export const PERSON_REF = z.object({ personId: PERSON_ID });
/** Only the six fields of the form: anything else a payload carries is dropped, never written. */
export const PERSON_EDIT = z.object({
  personId: PERSON_ID,
  /** The version the card shows (updatedAt): an edit made from an older card is refused. */
  version: z.string().datetime(),
  ...(Object.fromEntries(
    PERSON_EDIT_FIELDS.map((f) => [f, z.string().max(1024).optional()]),
  ) as Record<PersonEditField, z.ZodOptional<z.ZodString>>),
});
export type PersonEditPayload = z.infer<typeof PERSON_EDIT>;
export const PERSON_LINK = z.object({
  personId: PERSON_ID,
  accountId: z.string().trim().min(1).max(100),
});
export const PERSON_UNLINK = z.object({ personId: PERSON_ID, accountId: z.string().uuid() });

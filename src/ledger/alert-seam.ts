/**
 * The one place the ledger reaches the alerts outbox: a commit raises the findings its writes
 * make (missing devices, asset-number conflicts, re-enrolments, duplicates). Kept to this file so
 * the alerts module can replace it in one edit.
 */
export { alertDocs, Alerts, type ConflictFinding } from '../alerts';

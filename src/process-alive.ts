import { readFileSync } from 'node:fs';

/**
 * Whether a process of this machine is still running. Shared by the embedded database's server
 * record and the job leases (a lease held by a dead process of this host is taken over), so it
 * belongs to neither.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A process that exited but is not yet reaped (a zombie) still answers kill(0).
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

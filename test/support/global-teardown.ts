/** Stops the emulator that global-setup started for this run (none when a URI was given). */
export default async function globalTeardown(): Promise<void> {
  const pid = Number(process.env.TEST_EMULATOR_PID);
  if (!pid) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

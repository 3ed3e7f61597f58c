import type { Command } from 'commander';
import {
  demoFixturePath,
  generateIntuneDevices,
  generateJamfComputers,
  loadFixture,
} from '../../sim/fixtures';
import { cliConfig, cliSay } from '../context';
import { UsageError } from '../usage-error';

/**
 * `daicho sim`: the local Graph and Jamf Pro simulators for a demo. Prints the settings a Daicho
 * process needs (NODE_EXTRA_CA_CERTS must be in its environment when it starts) and runs until
 * Ctrl-C.
 */
export function registerSim(program: Command): void {
  program
    .command('sim')
    .description('start local Graph (Intune) and Jamf Pro simulators over https for a demo')
    .option(
      '--fixture <file>',
      'JSON fixture {intune:{devices}, jamf:{computers, mobileDevices}} (default: the demo tenant)',
    )
    .option('--devices <n>', 'generate this many Intune devices instead of the fixture')
    .option('--jamf-devices <n>', 'generate this many Jamf computers instead of the fixture')
    .option('--seed <n>', 'seed of the generator', '1')
    .option('--graph-port <port>', 'port of the Graph simulator (default: any free one)')
    .option('--jamf-port <port>', 'port of the Jamf simulator (default: any free one)')
    .action(
      async (opts: {
        fixture?: string;
        devices?: string;
        jamfDevices?: string;
        seed: string;
        graphPort?: string;
        jamfPort?: string;
      }) => {
        const count = (v: string | undefined, option: string) => {
          if (v === undefined) return undefined;
          const n = Number(v);
          if (!Number.isInteger(n) || n < 0 || n > 1_000_000)
            throw new UsageError('cli.badChoice', { option, value: v, choices: '0..1000000' });
          return n;
        };
        const seed = count(opts.seed, '--seed') ?? 1;
        const fixture = loadFixture(opts.fixture ?? demoFixturePath());
        const intuneCount = count(opts.devices, '--devices');
        const jamfCount = count(opts.jamfDevices, '--jamf-devices');
        // Loaded on use: its TLS certificate code costs every other command ~0.2 s at start.
        const { startSimulators } = await import('../../sim/sim-server');
        const sims = await startSimulators({
          dataDir: cliConfig().dataDir,
          graph: {
            devices:
              intuneCount === undefined
                ? fixture.intune.devices
                : generateIntuneDevices(intuneCount, seed),
            port: count(opts.graphPort, '--graph-port'),
          },
          jamf: {
            computers:
              jamfCount === undefined
                ? fixture.jamf.computers
                : generateJamfComputers(jamfCount, seed),
            mobileDevices: jamfCount === undefined ? fixture.jamf.mobileDevices : [],
            port: count(opts.jamfPort, '--jamf-port'),
          },
        });
        process.stdout.write(
          [
            cliSay('cli.sim.graph', {
              url: sims.graph?.url ?? '-',
              devices: sims.graph?.state.devices.length ?? 0,
            }),
            cliSay('cli.sim.jamf', {
              url: sims.jamf?.url ?? '-',
              computers: sims.jamf?.state.computers.length ?? 0,
              mobile: sims.jamf?.state.mobileDevices.length ?? 0,
            }),
            cliSay('cli.sim.env'),
            ...Object.entries(sims.env).map(([k, v]) => `export ${k}=${v}`),
            cliSay('cli.sim.stop'),
            '',
          ].join('\n'),
        );
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await sims.close();
      },
    );
}

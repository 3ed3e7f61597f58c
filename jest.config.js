/** Unit tests are pure and fast; integration tests talk to a real wire-protocol server
 *  and the simulators, so they get a longer timeout. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.jest.json' }];
module.exports = {
  // Integration tests start servers and run the CLI as a process; a slow machine needs room.
  testTimeout: 60000,
  // One suite at a time on purpose. Two at once halved the run (789 s → 453 s) but, on a 2-core
  // machine sharing one emulator, made a different time-bound test fail in 4 of 6 full runs
  // (each exposed a real race, since fixed); a red CI does not land, a slower one does.
  maxWorkers: 1,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      // e2e: the bot through the Agents Playground, on the same database server.
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/e2e/**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};

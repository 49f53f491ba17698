// Two tiers of one suite (jest projects):
// - unit (`npm test`): everything that runs inside Node, the data-safety tests included; under 30 s on 2 cores.
// - integration (`npm run test:integration`): the tests that run real programs outside Node on what the library
//   generates (restic, cloud-init and its PyYAML, sh, systemd-analyze, the disk tools, npm pack) and compile every
//   code block of the docs. Their files end in `.integration.test.ts`; test/support/programs.ts lists the programs and checks
//   them before the tier starts. CI runs both.
// `npx jest` runs both; `npx jest <file>` runs a file of either tier.
const shared = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  // ts before js: jsii may leave compiled .js beside the sources, and tests must load the sources.
  moduleFileExtensions: ["ts", "js", "json"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" } }] },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...shared,
      displayName: "unit",
      testMatch: ["**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "\\.integration\\.test\\.ts$"],
    },
    {
      ...shared,
      displayName: "integration",
      testMatch: ["**/*.integration.test.ts"],
      globalSetup: "<rootDir>/test/support/programs.ts",
    },
  ],
  testTimeout: 60000,
  // One worker per core: jest's default leaves one core idle, and on the 2-core CI machines that made the suite
  // about 1.5x slower (bench/suite.js: 74 s with one worker, 49 s with two).
  maxWorkers: "100%",
};

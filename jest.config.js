// Two tiers of one suite (jest projects):
// - unit (`npm test`): everything that runs inside Node, the data-safety tests included; under 30 s on 2 cores.
// - integration (`npm run test:integration`): the tests that run real programs on what the library generates
//   (restic, cloud-init and its PyYAML, sh, systemd-analyze, the disk tools, npm pack) and compile every code block
//   of the docs. Their files end in `.integration.test.ts`; test/support/programs.ts checks the programs
//   (integration-programs.js) before the tier starts. CI runs both.
// JEST_TIER picks one (the npm scripts set it); without it `npx jest` runs both, and `npx jest <file>` runs a file of
// either tier. A run that includes an integration file first checks every program that tier needs. (An environment
// variable rather than --selectProjects, which would take a file named after it as one more project name.)
const shared = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  // ts before js: jsii may leave compiled .js beside the sources, and tests must load the sources.
  moduleFileExtensions: ["ts", "js", "json"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" } }] },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  // The real archiver, loaded at its first call instead of with cdktf (test/support/lazy-archiver.js says why).
  moduleNameMapper: { "^archiver$": "<rootDir>/test/support/lazy-archiver.js" },
};

const TIERS = {
  unit: {
    ...shared,
    displayName: "unit",
    testMatch: ["**/*.test.ts"],
    testPathIgnorePatterns: ["/node_modules/", "\\.integration\\.test\\.ts$"],
  },
  integration: {
    ...shared,
    displayName: "integration",
    testMatch: ["**/*.integration.test.ts"],
    globalSetup: "<rootDir>/test/support/programs.ts",
  },
};

// The workers get a larger young generation (V8's semi-space, 16 MB by default on 64-bit): the tests make short-lived
// garbage fast, and with 64 MB the unit tier spent about 7% less CPU (bench/suite.js, 3 runs each: 57.5 and 59.1 s
// without it, 53.8 s with it). jest forks its workers with this process's environment.
if (!/--max[-_]semi[-_]space[-_]size/.test(process.env.NODE_OPTIONS ?? "")) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --max-semi-space-size=64`.trim();
}

const tier = process.env.JEST_TIER;
if (tier !== undefined && !(tier in TIERS)) {
  throw new Error(`JEST_TIER is "${tier}"; it can be ${Object.keys(TIERS).join(" or ")}, or unset for both`);
}

/** @type {import('jest').Config} */
module.exports = {
  projects: tier === undefined ? Object.values(TIERS) : [TIERS[tier]],
  // The run gets its own TMPDIR, removed at the end.
  globalSetup: "<rootDir>/test/support/tmpdir-setup.js",
  globalTeardown: "<rootDir>/test/support/tmpdir-teardown.js",
  testTimeout: 60000,
  // One worker per core: jest's default leaves one core idle, and on the 2-core CI machines that made the suite
  // about 1.5x slower (bench/suite.js: 74 s with one worker, 49 s with two).
  maxWorkers: "100%",
};

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // ts before js: jsii may leave compiled .js beside the sources, and tests must load the sources.
  moduleFileExtensions: ["ts", "js", "json"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" } }] },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  testTimeout: 60000,
  // One worker per core: jest's default leaves one core idle, and on the 2-core CI machines that made the suite
  // about 1.5x slower (bench/suite.js: 74 s with one worker, 49 s with two).
  maxWorkers: "100%",
};

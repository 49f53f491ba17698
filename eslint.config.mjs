import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      "dist-jsii/",
      "build/",
      "cdktf.out/",
      "coverage/",
      "lib/imports/",
      "**/*.d.ts",
      "**/*.js",
      "!eslint.config.mjs",
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/no-require-imports": "error",
      "no-console": "error",
      eqeqeq: ["error", "always"],
    },
  },
  {
    // The main job and benchmarks print their reports; library code never does (warnings go through Annotations).
    files: ["examples/app.ts", "examples/write-diagrams.ts", "bench/**/*.ts", "scripts/**"],
    rules: { "no-console": "off" },
  },
);

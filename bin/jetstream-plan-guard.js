#!/usr/bin/env node
// Refuses a Terraform plan that deletes or replaces a protected resource; see `jetstream-plan-guard --help`.
"use strict";
process.exitCode = require("../dist/ledger/plan-guard").planGuardMain(process.argv.slice(2));

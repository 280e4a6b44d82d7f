#!/usr/bin/env -S node --max-semi-space-size=2
// The `discorsi` binary: runs the TypeScript sources through tsx, so no build step is needed.
// --max-semi-space-size=2 (a small young generation): on a small association server resident
// memory matters more than the last percent of throughput — measured about 60 MB less RSS.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
import { failureMessage, runCommand } from './cli.js';

/**
 * `npm start` and `manyi [serve|migrate]`: validate the environment, then serve in the role MANYI_ROLE
 * names (cli.ts), or apply the migrations and exit. A bad setting or an unreachable database stops it
 * with one clear line, not a stack trace.
 */
const args = process.argv.slice(2);
runCommand(args).catch((error: unknown) => {
  process.stderr.write(`manyi: ${args[0] === 'migrate' ? 'migrate failed' : 'cannot start'}: ${failureMessage(error)}\n`);
  process.exit(1);
});

#!/usr/bin/env node
import { ConfigError } from '../config/app-config.js';
import { runBackupCommand } from './backup-command.js';
import { BackupError } from './manifest.js';

/** `npm run backup -- <folder>` and `npm run restore -- <folder> [--force]`; a failure is one line on stderr and exit status 1. */
const args = process.argv.slice(2);
runBackupCommand(args).catch((error: unknown) => {
  const message =
    error instanceof BackupError || error instanceof ConfigError
      ? error.message
      : error instanceof Error
        ? (error.message.split('\n')[0] ?? String(error))
        : String(error);
  process.stderr.write(`manyi: ${args[0] === 'restore' ? 'restore' : 'backup'} failed: ${message}\n`);
  process.exit(1);
});

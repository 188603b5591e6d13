import type { Command } from 'commander';

/** Registers `helixlab report` (not yet implemented). */
export function register(_program: Command): void {}

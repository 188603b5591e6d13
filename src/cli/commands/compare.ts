import type { Command } from 'commander';

/** Registers `helixlab compare` (not yet implemented). */
export function register(_program: Command): void {}

import type { Command } from 'commander';

/** Registers `helixlab analyze` (not yet implemented). */
export function register(_program: Command): void {}

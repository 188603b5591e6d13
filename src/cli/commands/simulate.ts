import type { Command } from 'commander';

/** Registers `helixlab simulate` (not yet implemented). */
export function register(_program: Command): void {}

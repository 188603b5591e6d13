import type { Command } from 'commander';

/** Registers `helixlab sweep` (not yet implemented). */
export function register(_program: Command): void {}

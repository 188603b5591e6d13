import type { Command } from 'commander';

/** Registers `helixlab convert` (not yet implemented). */
export function register(_program: Command): void {}

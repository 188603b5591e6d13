import type { Command } from 'commander';

/** Registers `helixlab import` (not yet implemented). */
export function register(_program: Command): void {}

import type { Command } from 'commander';

/** Registers `helixlab sensitivity` (not yet implemented). */
export function register(_program: Command): void {}

import type { Command } from 'commander';

/** Registers `helixlab merge` (not yet implemented). */
export function register(_program: Command): void {}

import type { Command } from 'commander';

/** Registers `helixlab info` (not yet implemented). */
export function register(_program: Command): void {}

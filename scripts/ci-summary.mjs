// Prints the plain closing line "tests: N passed, N failed, N skipped" from vitest's JSON report.
import { existsSync, readFileSync } from 'node:fs';
const file = process.argv[2];
if (!existsSync(file)) {
  console.log('tests: not run (the type-check or the lint step of `npm test` failed first; see above)');
  process.exit(0);
}
const r = JSON.parse(readFileSync(file, 'utf8'));
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);

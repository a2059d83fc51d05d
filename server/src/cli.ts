/**
 * The command-line checker's entry point (`connect-forge-lint`, bundled to out/cli.js). Wiring
 * only: the options, the search, the report and the exit code live in ./cli/, the checks in the core.
 */
import { PROGRAM } from './cli/args';
import { EXIT_USAGE } from './cli/exitCodes';
import { run } from './cli/run';

// A closed pipe (`connect-forge-lint | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

run(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${PROGRAM}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);

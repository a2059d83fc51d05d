/** The checker's exit codes and what each means: the help lists them, SARIF's invocation records them. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export const EXIT_CODES: Readonly<Record<number, string>> = {
  [EXIT_OK]: 'no errors, and no more warnings than --max-warnings',
  [EXIT_FINDINGS]: 'errors, or more warnings than --max-warnings',
  [EXIT_USAGE]:
    'a usage problem, a path that cannot be read, a served descriptor that cannot be fetched (--served), a report that cannot be written or uploaded, or an internal error',
};

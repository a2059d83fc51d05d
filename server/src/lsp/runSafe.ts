/** Handlers never throw to the client: a failure is logged and answered with an empty result. */
import { CancellationToken, Connection, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';

export async function runSafe<T>(
  connection: Connection,
  what: string,
  fallback: T,
  token: CancellationToken,
  work: () => Promise<T>,
): Promise<T | ResponseError<void>> {
  if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  try {
    const result = await work();
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    return result;
  } catch (error) {
    connection.console.error(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}

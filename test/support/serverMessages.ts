/**
 * What the server sends, message by message, for tests that prove it sends nothing: every request
 * and notification it initiates, recorded through the connection's JSON trace. And a barrier that
 * says when the server has finished with a document it is not meant to answer for.
 */
import * as assert from 'node:assert/strict';
import { Trace, TraceFormat } from 'vscode-languageserver-protocol/node';
import type { LspClient } from './lspClient';

export interface ServerMessage {
  readonly kind: 'request' | 'notification';
  readonly method: string;
  readonly params: unknown;
}

interface TracedMessage {
  readonly isLSPMessage?: boolean;
  readonly type?: string;
  readonly message?: { readonly method?: string; readonly params?: unknown };
}

/** Starts recording; the returned list grows with every request and notification the server sends. */
export async function recordServerMessages(client: LspClient): Promise<ServerMessage[]> {
  const messages: ServerMessage[] = [];
  await client.connection.trace(
    Trace.Verbose,
    {
      log: (data: unknown) => {
        const traced = data as TracedMessage;
        if (!traced.isLSPMessage || !traced.message?.method) return;
        if (traced.type === 'receive-request')
          messages.push({ kind: 'request', method: traced.message.method, params: traced.message.params });
        if (traced.type === 'receive-notification')
          messages.push({ kind: 'notification', method: traced.message.method, params: traced.message.params });
      },
    },
    { sendNotification: false, traceFormat: TraceFormat.JSON },
  );
  return messages;
}

/** Whether a message is about the document: its settings, its diagnostics, or a log line naming it. */
export function concerns(message: ServerMessage, uri: string): boolean {
  return JSON.stringify(message.params ?? null).includes(JSON.stringify(uri).slice(1, -1));
}

/**
 * Resolves once the server has handled everything sent so far about a document it does not answer
 * for: a hover there answers null only after the server knows what the document is, and what it
 * would have published for the document's open goes out before that answer.
 */
export async function settledOn(client: LspClient, uri: string): Promise<void> {
  assert.equal(await client.hover(uri, { line: 0, character: 1 }), null, `no hover on ${uri}`);
}

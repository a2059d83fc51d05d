/** The language server's entry point: `node server.js --stdio` (or IPC when VS Code starts it). */
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './lsp/languageServer';

startServer(createConnection(ProposedFeatures.all));

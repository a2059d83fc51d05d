/**
 * --output-file: opened (its folder made) before any report is made, so that a path that cannot
 * be written is known when the reports record the exit code; the report is written last.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface OutputFile {
  /** Writes the text in place of what the file held, and closes it. */
  write(text: string): Promise<void>;
  /** Closes it unwritten (when the run ends otherwise); safe after write. */
  close(): Promise<void>;
}

export async function openOutputFile(file: string): Promise<OutputFile> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.open(file, 'w');
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => (closed ??= handle.close());
  return {
    write: async (text) => {
      try {
        await handle.writeFile(text, 'utf8');
      } finally {
        await close();
      }
    },
    close,
  };
}

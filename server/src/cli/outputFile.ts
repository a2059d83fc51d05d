/**
 * --output-file: checked (its folder made) before any report is made, so that a path that cannot
 * be written is known when the reports record the exit code, but left as it is until the report
 * is finished. Then the report goes to a temporary file beside it, renamed over it: a run that
 * fails or is killed before leaves the previous report whole, never an empty file (which breaks
 * the Tests tab of a Pipelines step reading JUnit XML).
 */
import { randomBytes } from 'node:crypto';
import { Stats, promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface OutputFile {
  /** Puts the text in place of what the file held. */
  write(text: string): Promise<void>;
  /** Lets the file go unwritten (when the run ends otherwise); safe after write. */
  close(): Promise<void>;
}

export async function openOutputFile(file: string): Promise<OutputFile> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const existing = await statIfAny(file);
  if (existing && !existing.isFile()) {
    // A device or a pipe (/dev/full, /dev/stdout) cannot be renamed over and has nothing to lose:
    // held open from now (a folder fails here), written to at the end.
    return heldOpen(await fs.open(file, 'w'));
  }
  // Appending writes nothing: it only shows that the file can be written.
  if (existing) await (await fs.open(file, 'a')).close();
  // A symbolic link keeps pointing at the report: the file it names is the one replaced.
  const target = existing ? await fs.realpath(file) : file;
  try {
    await fs.access(path.dirname(target), fs.constants.W_OK | fs.constants.X_OK);
  } catch (error) {
    if (!existing) throw error;
    // No temporary file can go beside it, but the file itself can be written: in place, at the end.
    return { write: (text) => fs.writeFile(target, text, 'utf8'), close: () => Promise.resolve() };
  }
  return { write: (text) => replace(target, text, existing?.mode), close: () => Promise.resolve() };
}

async function statIfAny(file: string): Promise<Stats | undefined> {
  try {
    return await fs.stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function heldOpen(handle: fs.FileHandle): OutputFile {
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

/** Writes the text to a new file in the target's folder (with the target's permissions), then renames it over the target. */
async function replace(target: string, text: string, mode: number | undefined): Promise<void> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temporary, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      if (mode !== undefined) await handle.chmod(mode & 0o7777);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * A single progress line on stderr for long runs: only on a terminal, only once the run has taken
 * longer than a moment, redrawn at most a few times a second, and erased when the run ends.
 */
export interface ProgressStream {
  write(text: string): void;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface Progress {
  update(message: string): void;
  done(): void;
}

export const SILENT_PROGRESS: Progress = { update: () => undefined, done: () => undefined };

const DELAY_MS = 500;
const REDRAW_MS = 100;

export function createProgress(stream: ProgressStream, now: () => number = Date.now): Progress {
  if (stream.isTTY !== true) return SILENT_PROGRESS;
  const started = now();
  let lastDraw = 0;
  let shown = false;
  let latest = '';
  const draw = (): void => {
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    const line = latest.length > width ? `${latest.slice(0, width - 1)}…` : latest;
    stream.write(`\r\u001b[K${line}`);
    shown = true;
    lastDraw = now();
  };
  // Shows the latest message once the delay has passed, even if no update comes then.
  const timer = setTimeout(() => {
    if (latest) draw();
  }, DELAY_MS);
  timer.unref();
  return {
    update(message: string): void {
      latest = message;
      const time = now();
      if (time - started >= DELAY_MS && time - lastDraw >= REDRAW_MS) draw();
    },
    done(): void {
      clearTimeout(timer);
      if (shown) stream.write('\r\u001b[K');
    },
  };
}

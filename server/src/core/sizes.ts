/** Sizes in messages about a cap, such as "1.1 MB, over the 1 MB up to which content is read". */

const MEGABYTE = 1024 * 1024;

/**
 * The size of something larger than `cap`, as a message says it: to a tenth of a megabyte, or in
 * kilobytes (rounded up) where a tenth would round it to the cap or below, so that a message never
 * calls a size equal to the cap too large.
 */
export function sizeOverCap(bytes: number, cap: number): string {
  const tenths = Math.round((bytes / MEGABYTE) * 10) / 10;
  return tenths > cap / MEGABYTE ? megabytes(bytes) : `${Math.ceil(bytes / 1024)} KB`;
}

/** A size to a tenth of a megabyte: `11.0 MB`. */
export function megabytes(bytes: number): string {
  return `${(bytes / MEGABYTE).toFixed(1)} MB`;
}

/** A cap as messages name it: `1 MB`, or in kilobytes when it is no whole number of megabytes. */
export function capText(cap: number): string {
  return cap % MEGABYTE === 0 ? `${cap / MEGABYTE} MB` : `${Math.ceil(cap / 1024)} KB`;
}

/**
 * A project path that fits a row: the first level (where it is) and the last (what it is) stay, the middle becomes
 * "…", so a cut never hides the most specific part. The row's title keeps the whole path.
 */
export function shortPath(path: readonly string[]): string {
  return (path.length > 2 ? [path[0], '…', path[path.length - 1]] : path).join(' › ');
}

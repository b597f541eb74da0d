/**
 * How many columns a wall of group cards gets on the projector, so that every group is
 * on screen at once (rows share the height equally). Classes, not inline styles: the
 * Content-Security-Policy allows no style attributes.
 */
export function columnsFor(count: number, maxColumns = 8): number {
  if (count <= 3) return Math.max(1, count);
  if (count === 4) return 2;
  const cols = Math.round(Math.sqrt(count * 1.6));
  return Math.min(maxColumns, cols);
}

/** Font scale class for a wall of `count` cards. */
export function densityFor(count: number): 'roomy' | 'normal' | 'dense' | 'tiny' {
  if (count <= 4) return 'roomy';
  if (count <= 9) return 'normal';
  if (count <= 20) return 'dense';
  return 'tiny';
}

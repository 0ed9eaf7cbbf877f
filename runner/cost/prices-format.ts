// No Node imports: the page's cost meter formats with it too.
/**
 * A price in dollars as every page shows it: cents rounded half up ($1.515 → "1.52"), where toFixed would round
 * 1.515 down (its binary value is 1.51499…) and the meter and the callouts would disagree by a cent.
 */
export function usd(amount: number, digits = 2): string {
  const f = 10 ** digits;
  return (Math.round(amount * f + 1e-9 * f) / f).toFixed(digits);
}

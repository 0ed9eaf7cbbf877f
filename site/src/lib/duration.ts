/** The workshop's length as the home page and the README say it: to the nearest half hour, in words. */
export function hoursInWords(totalMinutes: number): string {
  const halves = Math.max(1, Math.round(totalMinutes / 30));
  const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six'];
  const whole = Math.floor(halves / 2);
  const half = halves % 2 === 1;
  if (whole === 0) return 'half an hour';
  return `${words[whole] ?? String(whole)}${half ? ' and a half' : ''} hour${whole === 1 && !half ? '' : 's'}`;
}

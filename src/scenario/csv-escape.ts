/** Quote a CSV field when it holds a comma, a quote or a line break (RFC 4180). */
export function csvEscape(v: string): string {
  return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
}

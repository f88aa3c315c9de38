/**
 * Wraps an email's HTML for a sandboxed iframe (no scripts, no same-origin, no forms): a
 * CSP that loads nothing from the network (no tracking pixels, no remote fonts), and links
 * that open in a new tab instead of inside the frame.
 */
export function emailDocument(html: string): string {
  const head = [
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:">`,
    '<meta name="referrer" content="no-referrer">',
    '<base target="_blank">',
    '<style>body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#151a2d;background:#fff;margin:16px;overflow-wrap:anywhere}</style>',
  ].join('');
  return `<!doctype html><html><head>${head}</head><body>${html}</body></html>`;
}

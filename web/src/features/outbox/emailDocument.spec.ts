import { describe, expect, it } from '@jest/globals';
import { emailDocument } from './emailDocument';

describe('emailDocument', () => {
  it('puts the body behind a CSP that loads nothing remote and opens links in a new tab', () => {
    const doc = emailDocument('<p><a href="https://example.com/invites/t">Accept</a></p>');
    expect(doc).toContain("default-src 'none'");
    expect(doc).toContain('<base target="_blank">');
    expect(doc.indexOf('Content-Security-Policy')).toBeLessThan(doc.indexOf('<body>'));
    expect(doc).toContain('<body><p><a href="https://example.com/invites/t">Accept</a></p></body>');
  });
});

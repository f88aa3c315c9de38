import { autoMap, customKeyFor, detectSource, targetProblem } from './import-catalog.js';
import { detectDelimiter } from './csv-source.js';
import { ColumnStats } from './field-inference.js';
import { convertRow, decimal, isoDate, normaliseDomain, type ConversionContext } from './import-rows.js';

const contacts = (headers: string[]): ConversionContext => ({
  object: 'contacts',
  columns: Object.entries(autoMap('contacts', headers, false))
    .filter(([, target]) => target !== '')
    .map(([header, target]) => ({ index: headers.indexOf(header), header, target })),
  headerCount: headers.length,
  fields: new Map(),
});

describe('import values', () => {
  it('reads amounts in common spellings as two-decimal strings', () => {
    expect(decimal('1250')).toBe('1250.00');
    expect(decimal('€1,250.5')).toBe('1250.50');
    expect(decimal('1.250,50')).toBe('1250.50');
    expect(decimal('99,5')).toBe('99.50');
    expect(decimal('1 000 EUR')).toBe('1000.00');
    expect(decimal('twelve')).toBeNull();
  });

  it('reads dates and rejects impossible ones', () => {
    expect(isoDate('2026-3-1')).toBe('2026-03-01');
    expect(isoDate('2026/03/01')).toBe('2026-03-01');
    expect(isoDate('2026-03-01T10:00:00Z')).toBe('2026-03-01');
    expect(isoDate('2026-02-30')).toBeNull();
    expect(isoDate('03/01/2026')).toBeNull();
  });

  it('keeps only the host of a website as the domain', () => {
    expect(normaliseDomain('https://www.Acme.com/about?x=1')).toBe('acme.com');
    expect(normaliseDomain('sub.acme.co.uk')).toBe('sub.acme.co.uk');
    expect(normaliseDomain('not a domain')).toBeNull();
  });
});

describe('mapping', () => {
  it('recognises HubSpot, Salesforce and Pipedrive headers', () => {
    expect(autoMap('contacts', ['First Name', 'Email', 'Phone Number', 'Contact owner', 'Record ID'], false)).toEqual({
      'First Name': 'firstName',
      Email: 'email',
      'Phone Number': 'phone',
      'Contact owner': 'owner',
      'Record ID': 'externalId',
    });
    expect(autoMap('contacts', ['Account Name', 'Lead Source', 'Owner Email', 'Lead ID'], false)).toEqual({
      'Account Name': 'company',
      'Lead Source': 'source',
      'Owner Email': 'owner',
      'Lead ID': 'externalId',
    });
    expect(
      autoMap('deals', ['Deal - Title', 'Deal - Value', 'Deal - Stage', 'Deal - Expected close date', 'Organization - Name'], false),
    ).toEqual({
      'Deal - Title': 'name',
      'Deal - Value': 'amount',
      'Deal - Stage': 'stage',
      'Deal - Expected close date': 'expectedCloseDate',
      'Organization - Name': 'company',
    });
    expect(detectSource(['Person - Name', 'Organization - Name', 'Deal - Title'])).toBe('pipedrive');
    expect(detectSource(['Name', 'Email'])).toBeNull();
  });

  it('maps each target once, exported field keys to themselves, and unknown headers to custom fields only with createFields', () => {
    expect(autoMap('contacts', ['Email', 'E-mail', 'Favourite Colour'], false)).toEqual({
      Email: 'email',
      'E-mail': '',
      'Favourite Colour': '',
    });
    expect(autoMap('contacts', ['Favourite Colour', '2nd Phone'], true)).toEqual({
      'Favourite Colour': 'custom.favourite_colour',
      '2nd Phone': 'custom.f_2nd_phone',
    });
    expect(autoMap('contacts', ['firstName', 'custom.plan'], false)).toEqual({ firstName: 'firstName', 'custom.plan': 'custom.plan' });
    expect(customKeyFor('!!!')).toBeNull();
  });

  it('refuses targets that are not fields of the object', () => {
    expect(targetProblem('contacts', 'email')).toBeNull();
    expect(targetProblem('contacts', 'custom.plan')).toBeNull();
    expect(targetProblem('contacts', 'workspaceId')).toMatch(/not a field of contacts/);
    expect(targetProblem('deals', 'email')).toMatch(/not a field of deals/);
  });

  it('detects ; when it separates more cells than , outside quotes', () => {
    expect(detectDelimiter('\uFEFFName;Email;"Notes, long"\n')).toBe(';');
    expect(detectDelimiter('Name,Email,"a;b;c;d"\n')).toBe(',');
  });
});

describe('convertRow', () => {
  const ctx = contacts(['Name', 'Email', 'Lifecycle Stage', 'Tags']);

  it('splits a full name, normalises values and merges list cells', () => {
    expect(convertRow(ctx, 2, ['Ada King Lovelace', ' ADA@Example.com ', 'Sales Qualified Lead', 'vip; math,vip'])).toEqual({
      row: 2,
      values: {
        first_name: 'Ada King',
        last_name: 'Lovelace',
        email: 'ada@example.com',
        lifecycle_stage: 'salesQualified',
        tags: ['vip', 'math'],
      },
      custom: {},
      lookups: {},
      columns: {},
    });
  });

  it('names the column and value of every problem, and cells beyond the header by letter', () => {
    expect(convertRow(ctx, 7, ['Ada', 'nope', 'Galactic', '', 'extra'])).toEqual([
      { column: 'E', reason: "The row has a value beyond the header's 4 columns.", value: 'extra' },
      { column: 'Email', reason: 'Not a valid email address.', value: 'nope' },
      { column: 'Lifecycle Stage', reason: expect.stringMatching(/^Not a lifecycle stage/), value: 'Galactic' },
    ]);
  });
});

describe('field type inference', () => {
  const infer = (values: string[]) => {
    const stats = new ColumnStats();
    for (const v of values) stats.add(v);
    return stats.infer();
  };

  it('picks the narrowest type every value fits', () => {
    expect(infer(['yes', 'no', ''])).toEqual({ type: 'boolean', options: [] });
    expect(infer(['1', '2.5', '1,000'])).toEqual({ type: 'number', options: [] });
    expect(infer(['2026-01-01', '2026-12-31'])).toEqual({ type: 'date', options: [] });
    expect(infer(['2026-01-01T10:00:00Z'])).toEqual({ type: 'datetime', options: [] });
    expect(infer(['a@b.co', 'c@d.io'])).toEqual({ type: 'email', options: [] });
    expect(infer(['https://a.example', 'www.b.example'])).toEqual({ type: 'url', options: [] });
    expect(infer(['Gold', 'Silver', 'Gold'])).toEqual({ type: 'select', options: ['Gold', 'Silver'] });
    expect(infer(['one', 'two', 'three'])).toEqual({ type: 'text', options: [] });
  });
});

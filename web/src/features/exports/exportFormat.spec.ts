import { describe, expect, it } from '@jest/globals';
import { byteSize, fileNameFromDisposition, isActive, summarizeByService } from './exportFormat';

describe('byteSize', () => {
  it('keeps small sizes in whole bytes', () => {
    expect(byteSize(0)).toEqual({ value: 0, unit: 'byte' });
    expect(byteSize(1023)).toEqual({ value: 1023, unit: 'byte' });
  });

  it('steps up by 1024 with one decimal, none from 100 up', () => {
    expect(byteSize(1536)).toEqual({ value: 1.5, unit: 'kilobyte' });
    expect(byteSize(5 * 1024 * 1024 + 200 * 1024)).toEqual({ value: 5.2, unit: 'megabyte' });
    expect(byteSize(150.4 * 1024 * 1024)).toEqual({ value: 150, unit: 'megabyte' });
  });
});

describe('summarizeByService', () => {
  it('groups counts by service, sorted, with totals', () => {
    const summary = summarizeByService([
      { service: 'users', object: 'members', count: 3 },
      { service: 'crm', object: 'contacts', count: 120 },
      { service: 'crm', object: 'companies', count: 8 },
    ]);
    expect(summary).toEqual([
      {
        service: 'crm',
        objects: [
          { object: 'companies', count: 8 },
          { object: 'contacts', count: 120 },
        ],
        total: 128,
      },
      { service: 'users', objects: [{ object: 'members', count: 3 }], total: 3 },
    ]);
  });

  it('is empty for an empty archive', () => {
    expect(summarizeByService([])).toEqual([]);
  });
});

describe('fileNameFromDisposition', () => {
  it('reads the plain, quoted and extended forms', () => {
    expect(fileNameFromDisposition('attachment; filename="a b.zip"', 'x.zip')).toBe('a b.zip');
    expect(fileNameFromDisposition('attachment; filename=a.zip', 'x.zip')).toBe('a.zip');
    expect(fileNameFromDisposition('attachment; filename="a.zip"; filename*=UTF-8\'\'caf%C3%A9.zip', 'x.zip')).toBe('café.zip');
  });

  it('falls back when there is no name', () => {
    expect(fileNameFromDisposition(null, 'x.zip')).toBe('x.zip');
    expect(fileNameFromDisposition('attachment', 'x.zip')).toBe('x.zip');
  });
});

describe('isActive', () => {
  it('is true only while queued or running', () => {
    expect(['queued', 'running', 'done', 'failed'].map((s) => isActive(s as never))).toEqual([true, true, false, false]);
  });
});

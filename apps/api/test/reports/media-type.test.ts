import { reportFormat } from '../../src/reports/media-type';

describe('reportFormat', () => {
  it('takes format over Accept', () => {
    expect(reportFormat('json', 'text/csv')).toBe('json');
    expect(reportFormat('csv', 'application/json')).toBe('csv');
  });

  it.each([
    [undefined, 'json'],
    ['', 'json'],
    ['*/*', 'json'],
    ['text/csv', 'csv'],
    ['text/csv, application/json', 'json'],
    ['application/json;q=0.5, text/csv', 'csv'],
    ['text/csv;q=0.1, application/json', 'json'],
    ['text/*', 'csv'],
    ['text/csv;q=0', 'json'],
    ['text/html', 'json'],
    ['TEXT/CSV', 'csv'],
  ])('answers Accept %p with %s', (accept, format) => {
    expect(reportFormat(undefined, accept)).toBe(format);
  });
});

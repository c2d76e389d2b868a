import { XMLParser } from 'fast-xml-parser';
import { render, splitFormat, toXml, w3cDateTime } from './open311-format.js';

describe('Open311 formats', () => {
  const parse = (text: string) => new XMLParser({ parseTagValue: false, ignoreDeclaration: true }).parse(text, true) as unknown;

  it('writes a JSON array as a wrapper element with one element per item', () => {
    const sut = toXml('services', 'service', [{ service_code: 'a' }, { service_code: 'b' }]);
    expect(sut).toBe(
      '<?xml version="1.0" encoding="utf-8"?><services><service><service_code>a</service_code></service><service><service_code>b</service_code></service></services>',
    );
  });

  it('names the items of nested lists as the specification does (attributes/attribute, values/value)', () => {
    const sut = toXml('service_definition', null, {
      service_code: 'x',
      attributes: [{ code: 'compound', required: true, values: [{ key: 'k', name: '恒益' }] }],
    });
    expect(parse(sut)).toEqual({
      service_definition: {
        service_code: 'x',
        attributes: { attribute: { code: 'compound', required: 'true', values: { value: { key: 'k', name: '恒益' } } } },
      },
    });
  });

  it('writes null as an empty element and an empty list as an empty wrapper', () => {
    expect(toXml('service_requests', 'request', [{ account_id: null, lat: null }])).toContain('<account_id></account_id><lat></lat>');
    expect(toXml('service_requests', 'request', [])).toBe('<?xml version="1.0" encoding="utf-8"?><service_requests></service_requests>');
  });

  it('escapes markup in text, so a description cannot break the document', () => {
    const sut = toXml('errors', 'error', [{ code: 400, description: '<b>&"' }]);
    expect(parse(sut)).toEqual({ errors: { error: { code: '400', description: '<b>&"' } } });
    expect(sut).not.toContain('<b>');
  });

  it('renders the same document as JSON when asked', () => {
    expect(render({ root: 'errors', item: 'error', value: [{ code: 404, description: '不存在' }] }, 'json')).toBe(
      '[{"code":404,"description":"不存在"}]',
    );
  });

  it('reads the format from a path suffix', () => {
    expect(splitFormat('XH20261123-0042.xml')).toEqual({ name: 'XH20261123-0042', format: 'xml' });
    expect(splitFormat('shirong-laji.json')).toEqual({ name: 'shirong-laji', format: 'json' });
    expect(splitFormat('shirong-laji.csv')).toBeNull();
  });

  it('writes times in Shanghai with their offset', () => {
    expect(w3cDateTime(new Date('2026-11-23T16:30:05.123Z'))).toBe('2026-11-24T00:30:05+08:00');
    expect(w3cDateTime(null)).toBeNull();
  });
});

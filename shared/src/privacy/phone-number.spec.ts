import { isMobileNumber, normaliseContactNumber, normaliseLandline, normaliseMobile } from './phone-number.js';

describe(normaliseMobile.name, () => {
  it.each([
    ['13812345678', '13812345678'],
    [' 138 1234 5678 ', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['0086-13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
  ])('reads %j as %s', (raw, expected) => {
    expect(normaliseMobile(raw)).toBe(expected);
  });

  it.each(['', '021-61234567', '1381234567', '138123456789', '12812345678', '138x1234567', '+1 138 1234 5678'])(
    'finds no mobile number in %j',
    (raw) => {
      expect(normaliseMobile(raw)).toBeNull();
    },
  );
});

describe(normaliseLandline.name, () => {
  it.each([
    ['021-64871234', '021-64871234'],
    ['(021) 6487 1234', '021-64871234'],
    ['（021）64871234', '021-64871234'],
    ['64871234', '021-64871234'],
    ['010-61234567', '010-61234567'],
    ['0571-8765432', '0571-8765432'],
  ])('reads %j as %s', (raw, expected) => {
    expect(normaliseLandline(raw)).toBe(expected);
  });

  it.each(['', '13812345678', '021-0487123', '1234567', '021-648712345', '110', '02164871234x'])('finds no landline in %j', (raw) => {
    expect(normaliseLandline(raw)).toBeNull();
  });
});

describe(normaliseContactNumber.name, () => {
  it('takes a mobile first, then a landline, and tells them apart', () => {
    expect(normaliseContactNumber('138 1234 5678')).toBe('13812345678');
    expect(normaliseContactNumber('6487-1234')).toBe('021-64871234');
    expect(normaliseContactNumber('12345')).toBeNull();
    expect(isMobileNumber('13812345678')).toBe(true);
    expect(isMobileNumber('021-64871234')).toBe(false);
  });
});

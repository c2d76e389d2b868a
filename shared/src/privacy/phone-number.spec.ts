import { normaliseMobile } from './phone-number.js';

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
